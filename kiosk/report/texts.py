"""Every sentence of the funders' report, in Dutch and English.

The report is a document for the municipality and the housing corporations, written in
Dutch or English only (`--lang nl|en`). Its sentences are kept here rather than in the
nine visitor catalogs, so translators of Tigrinya or Somali are not asked for sentences
no visitor ever sees, and a coordinator who wants to reword a line finds them all in one
place. Placeholders are `str.format` fields; numbers arrive already formatted by Babel.
"""

from __future__ import annotations

TEXTS: dict[str, tuple[str, str]] = {
    # key: (Dutch, English)
    "report": ("Rapportage", "Report"),
    "period_year": ("jaar {year}", "year {year}"),
    "period_tertiaal": ("{number}e tertiaal {year}", "four-month period {number} of {year}"),
    "period_range": ("{first} t/m {last}", "{first} to {last}"),
    "running": ("loopt nog: cijfers tot en met {today}",
                "still running: numbers up to and including {today}"),
    "headline": ("In het kort", "At a glance"),
    "this_period": ("deze periode", "this period"),
    "previous": ("vorige periode", "previous period"),
    "last_year": ("zelfde periode vorig jaar", "same period last year"),
    "h_people": ("Unieke mensen", "Unique people"),
    "h_visits": ("Bezoeken", "Visits"),
    "h_new": ("Nieuwe mensen", "New people"),
    "h_volunteers": ("Actieve vrijwilligers", "Active volunteers"),
    "h_hours": ("Vrijwilligersuren", "Volunteer hours"),
    "h_satisfaction": ("Tevredenheid", "Satisfaction"),
    "no_answers": ("nog geen antwoorden", "no answers yet"),
    "of_target": ("van {target} verwacht", "of {target} expected"),
    "no_data": ("geen gegevens", "no data"),
    "people_title": ("Mensen per activiteit", "People per activity"),
    "jobs_title": ("Klussen per dienst", "Jobs per service"),
    "col_activity": ("Activiteit", "Activity"),
    "col_service": ("Dienst", "Service"),
    "col_people": ("Unieke mensen", "Unique people"),
    "col_jobs": ("Klussen", "Jobs"),
    "col_visits": ("Bezoeken", "Visits"),
    "col_anonymous": ("zonder pas", "without card"),
    "col_new": ("nieuw", "new"),
    "col_sessions": ("Bijeenkomsten", "Sessions"),
    "col_target": ("Doel periode", "Target period"),
    "col_percent": ("% van doel", "% of target"),
    "col_status": ("Stand", "Status"),
    "col_result": ("Resultaat", "Result"),
    "col_actual": ("Gehaald", "Achieved"),
    "total": ("Totaal (alle activiteiten)", "Total (all activities)"),
    "ahead": ("voor", "ahead"),
    "on_track": ("op schema", "on track"),
    "behind": ("achter", "behind"),
    "no_target": ("geen doel", "no target"),
    "not_started": ("nog niet begonnen", "not started yet"),
    "bar_legend": (
        "Balk: gehaald als deel van het doel voor de hele periode, van 0 tot 150%; de "
        "doorgetrokken lijn is 100%. Een balk die verder gaat dan 150% is afgekapt en draagt "
        "een pijl. {expected_note}",
        "Bar: achieved as a share of the target for the whole period, from 0 to 150%; the "
        "solid line is 100%. A bar beyond 150% is cut off and carries an arrow. "
        "{expected_note}"),
    "expected_note": (
        "Het streepje is waar we vandaag zouden moeten staan (verwacht tot vandaag).",
        "The dash marks where we should be today (expected up to today)."),
    "status_legend": (
        "Stand: 'voor' bij minstens {ahead} van wat tot en met {day} verwacht was, 'achter' "
        "onder {behind}, daartussen 'op schema'. Het woord staat er altijd bij; de kleur "
        "herhaalt het alleen.",
        "Status: 'ahead' at {ahead} or more of what was expected up to {day}, 'behind' "
        "below {behind}, 'on track' in between. The word is always shown; the colour only "
        "repeats it."),
    "status_day_running": ("vandaag", "today"),
    "status_day_closed": ("het einde van de periode", "the end of the period"),
    "percent_note": (
        "Doel periode: het jaardoel uit het bod naar rato van de lengte van de periode "
        "({days} van de {year_days} dagen). % van doel = gehaald / doel periode x 100.",
        "Target period: the yearly target from the proposal pro rata for the length of "
        "the period ({days} of {year_days} days). % of target = achieved / target period "
        "x 100."),
    "people_note": (
        "Unieke mensen: verschillende pasjes die zich voor de activiteit aanmeldden; een "
        "pasje draagt geen naam, één pasje is één persoon. Bezoeken: elke aanmelding, met "
        "of zonder pasje; bezoeken zonder pasje tellen nooit als unieke mensen. Nieuw: "
        "pasjes waarvan het allereerste bezoek in deze periode valt. Bijeenkomsten: dagen "
        "met minstens één aanmelding. Het totaal telt iemand die aan twee activiteiten "
        "meedoet één keer.",
        "Unique people: different cards that checked in for the activity; a card carries "
        "no name, one card is one person. Visits: every check-in, with or without a card; "
        "visits without a card never count as unique people. New: cards whose very first "
        "visit falls in this period. Sessions: days with at least one check-in. The total "
        "counts someone who joins two activities once."),
    "jobs_note": (
        "Bij klussen telt elke aanmelding als een gedane klus, niet het aantal mensen.",
        "For jobs every check-in counts as a job done, not the number of people."),
    "results_title": ("Resultaten uit het bod", "Results promised in the proposal"),
    "r_people": ("Gebruikers/deelnemers (uniek)", "Users/participants (unique)"),
    "r_volunteers": ("Actieve vrijwilligers", "Active volunteers"),
    "r_hours": ("Vrijwilligersuren", "Volunteer hours"),
    "r_key_holders": ("Sleutelbeheerders", "Key holders"),
    "r_value": ("Waarde vrijwilligersuren", "Value of volunteer hours"),
    "key_holders_unknown": ("niet ingevuld", "not filled in"),
    "results_note": (
        "Doelen uit het bod voor {year}. Vrijwilligersuren "
        "naar rato van de periode; actieve vrijwilligers en sleutelbeheerders zijn aantallen "
        "mensen en gelden voor elke periode heel. Actief: een vrijwilligerspas die in de "
        "periode een dienst begon. Uren tellen op de dag dat de dienst eindigde{auto}. "
        "Sleutelbeheerders: sleutelbeheerderspassen die in de periode een dienst begonnen "
        "of eindigden; heeft de ruimte die pasjes niet, dan het aantal dat de coördinator "
        "opgaf. Waarde: uren x {rate} per uur (het "
        "wettelijk minimumloon dat het bod gebruikte). Het bod waardeerde uren van "
        "professionals als vrijwilliger op {professional} per uur; die uren registreert de "
        "kiosk niet.",
        "Targets from the proposal for {year}. Volunteer "
        "hours pro rata for the period; active volunteers and key holders are numbers of "
        "people and hold whole for any period. Active: a volunteer card that started a "
        "shift in the period. Hours count on the day the shift ended{auto}. Key holders: "
        "key-holder cards that started or ended a shift in the period; where the room has "
        "no such cards, the number the coordinator gave. Value: hours x {rate} an hour (the legal minimum wage the proposal "
        "used). The proposal valued professionals' volunteer hours at {professional} an "
        "hour; the kiosk does not record those hours."),
    "auto_closed": ("; {count} dienst(en) sloot de kiosk zelf af op de maximale lengte "
                    "omdat niemand uitscande",
                    "; the kiosk closed {count} shift(s) itself at the maximum length "
                    "because nobody scanned out"),
    "trend_title": ("Per maand", "Month by month"),
    "trend_people": ("Unieke mensen per maand", "Unique people per month"),
    "trend_visits": ("Bezoeken per maand", "Visits per month"),
    "trend_note": (
        "Unieke mensen per maand tellen niet op tot het totaal van de periode: wie in twee "
        "maanden komt, telt in elke maand één keer.",
        "Unique people per month do not add up to the period's total: someone who comes "
        "in two months counts once in each."),
    "reach_title": ("Bereik", "Reach"),
    "languages_title": ("Taal van het bezoek", "Language of the visit"),
    "languages_note": (
        "De taal waarin de kiosk stond bij een aanmelding of vraag: welke gemeenschappen de "
        "buurtwerkkamer bereikt. Een bezoek, geen persoon.",
        "The language the kiosk showed at a check-in or question: which communities the "
        "room reaches. A visit, not a person."),
    "new_returning_title": ("Nieuw en terugkerend", "New and returning"),
    "new_people": ("nieuw", "new"),
    "returning_people": ("terugkerend", "returning"),
    "new_returning_note": (
        "Van de {people} unieke mensen met een pasje kwamen er {new} voor het eerst in "
        "deze periode.",
        "Of the {people} unique people with a card, {new} came for the first time in this "
        "period."),
    "questions_title": ("Vragen per onderwerp", "Questions per topic"),
    "no_questions": ("Geen vragen in deze periode.", "No questions in this period."),
    "satisfaction_title": ("Tevredenheid", "Satisfaction"),
    "satisfaction_off": (
        "Geen antwoorden: de vraag 'Hoe was het vandaag?' staat uit bij de deur. De "
        "coördinator zet hem aan op het tabblad Activiteiten.",
        "No answers: the question 'How was it today?' is switched off at the door. The "
        "coordinator switches it on on the Activities tab."),
    "no_answers_period": (
        "Geen antwoorden in deze periode op de vraag 'Hoe was het vandaag?'.",
        "No answers in this period to the question 'How was it today?'."),
    "too_few_answers": ("te weinig antwoorden", "too few answers"),
    "out_of_ten": ("van de 10", "out of 10"),
    "room_as_whole": ("De hele buurtwerkkamer", "The room as a whole"),
    "col_answers": ("Antwoorden", "Answers"),
    "col_score": ("Cijfer", "Score"),
    "col_positive": ("Blij", "Happy"),
    "satisfaction_note": (
        "Bij het weggaan tikken bezoekers een van vijf gezichtjes aan; die tellen als 2, 4, "
        "6, 8 en 10, het cijfer is het gemiddelde. 'Blij': het deel dat een van de twee "
        "blije gezichtjes koos. Per activiteit tellen de antwoorden met een pasje dat die "
        "dag bij die activiteit was; de hele buurtwerkkamer telt alle antwoorden. Onder de "
        "{enough} antwoorden staat er geen cijfer. De streep staat bij {promise}: de "
        "belofte in het bod.",
        "On their way out visitors tap one of five faces; they count as 2, 4, 6, 8 and 10, "
        "and the score is their average. 'Happy': the share that chose one of the two "
        "happy faces. Per activity count the answers given with a card that checked in to "
        "it that day; the room as a whole counts every answer. Under {enough} answers no "
        "score is given. The line is at {promise}: the proposal's promise."),
    "footer": ("Gemaakt op {date} door de deurkiosk; er worden geen namen bewaard.",
               "Made on {date} by the door kiosk; no names are stored."),
    "volunteers_line": (
        "Vrijwilligers: {people} actief, {hours} uur in {shifts} diensten, waard {value} "
        "tegen {rate} per uur.",
        "Volunteers: {people} active, {hours} hours in {shifts} shifts, worth {value} at "
        "{rate} an hour."),
    "definitions": ("Uitleg", "Definitions"),
}


def text(key: str, language: str) -> str:
    dutch, english = TEXTS[key]
    return english if language == "en" else dutch
