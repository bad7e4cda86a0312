from datetime import date

from kiosk.activity_overrides import ActivityOverrides
from kiosk.config import load_config


def test_reordering_today_keeps_other_days_in_their_places(tmp_path):
    overrides = ActivityOverrides(tmp_path)
    site = load_config()
    thursday = [a.id for a in site.activities_on(date(2026, 11, 26))]
    saturday = [a.id for a in site.activities_on(date(2026, 11, 28))]
    overrides.move_up(saturday[-1], saturday)  # opruimploeg before ontbijtcafe
    overrides.move_up(thursday[-1], thursday)  # sollicitatie before huurachterstand
    order = overrides.order()
    assert order.index("opruimploeg") < order.index("ontbijtcafe")
    assert order.index("sollicitatie") < order.index("huurachterstand")
    shown = [a.id for a in overrides.apply(site.activities_on(date(2026, 11, 28)),
                                            date(2026, 11, 28))]
    assert shown.index("opruimploeg") < shown.index("ontbijtcafe")
