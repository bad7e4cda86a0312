"""Every sentence a visitor may see, in one place so translators find them all.

The ids are English; the catalogs in kiosk/locale translate them (Dutch is the default).
Keep them short and friendly (A2 level, "je").
"""

from kiosk.i18n import _, ngettext, translate, translate_plural

CHECKIN = _("I'm coming in")
QUESTION = _("I have a question")
SCAN_YOUR_CARD = _("Do you have a card? Hold it under the scanner.")
WHAT_FOR = _("What are you here for?")
WELCOME_BACK = _("Welcome back!")
LAST_TIME = _("Last time")
WELCOME = _("Welcome!")
CHECKED_IN = _("You are checked in.")
FIRST_TIME = _("Nice that you are here for the first time!")
# Not "have fun": the visitor may have come about debts or a letter from the bailiff.
ALREADY_CHECKED_IN = _("You were already checked in. Glad you are here!")
TAP_TO_CONTINUE = _("Tap the screen to continue.")
WHAT_ABOUT = _("What is your question about?")
YOU_ARE_NUMBER = _("You are number")
SOMEONE_COMES = _("Someone will come to you.")
TAKE_A_SEAT = _("Please take a seat.")
# The button under a queue number: one short word ("OK") where the language has one.
OK = _("OK, got it")
# Above the numbers a volunteer has claimed, on the welcome screen ("Nu aan de beurt").
NOW_HELPING = _("Now being helped")
CHOOSE_LANGUAGE = _("Choose your language")
STILL_THERE = _("Are you still there?")
YES_STILL_HERE = _("Yes, I am here")
CARD_UNREADABLE = _("I could not read that card. Please try again.")
CARD_FOREIGN = _("That is not a card of this room.")
SHIFT_STARTED = _("Your shift has started. Good that you are here!")
SHIFT_ENDED = _("Your shift has ended. Thank you!")
# A shift's length in words, each number with the form its language needs ("1 uur",
# "2 uur"; Arabic, Polish and Ukrainian have three to six forms); shift_length joins them.
SHIFT_HOURS = ngettext("{count} hour", "{count} hours")
SHIFT_MINUTES = ngettext("{count} minute", "{count} minutes")
SHIFT_LENGTH = _("{hours} and {minutes}")
# Under a shift's end (and a repeated scan): when it began, in the room's time ("13:05").
SHIFT_BEGAN_AT = _("You started at {time}.")
# A second scan within two minutes of the start: ignored, and the volunteer is told why.
SHIFT_ALREADY_STARTED = _("You had already scanned in. Scan again when you leave.")
CARD_READ = _("Card read. Choose what you are here for.")
# The button on the welcome screen that ends a visit for the next person (picture first).
START_OVER = _("Done, start over")
SOMETHING_WRONG = _("Something went wrong. Please ask a volunteer.")
# The door survey, when the site asks it: a tile on the welcome screen, one question
# answered with a face, and a thank-you.
LEAVING = _("I'm leaving")
HOW_WAS_IT = _("How was it today?")
THANKS_BYE = _("Thank you! See you next time.")
SURVEY_CARD_READ = _("Card read. Tap a face.")

# Everything above is seen at the door and must be in every language the kiosk offers.
# (A sentence with a number is a (singular, plural) pair: VISITOR_PLURALS.)
_AT_THE_DOOR = [(name, value) for name, value in globals().items() if name.isupper()]
VISITOR = tuple(value for name, value in _AT_THE_DOOR if isinstance(value, str))
VISITOR_PLURALS = tuple(value for name, value in _AT_THE_DOOR if isinstance(value, tuple))


def shift_length(minutes: int, language: str) -> str:
    """"2 uur 5 minuten", "45 minuten", "3 uur": a part that is zero is left out."""
    hours, minutes = divmod(minutes, 60)
    parts = {"hours": translate_plural(SHIFT_HOURS, hours, language).format(count=hours),
             "minutes": translate_plural(SHIFT_MINUTES, minutes, language).format(
                 count=minutes)}
    if not hours:
        return parts["minutes"]
    if not minutes:
        return parts["hours"]
    return translate(SHIFT_LENGTH, language).format(**parts)

# The coordinator's screens (behind the PIN), always in the room's own language.
PIN_PROMPT = _("Coordinator: type your PIN")
PIN_WRONG = _("Wrong PIN. {left} more tries before the pad locks.")
PIN_LOCKED = _("Too many wrong PINs. Try again after {time}.")
PIN_NOT_SET = _("No PIN is set yet. On the kiosk, run: kiosk pin set")
ADMIN_TITLE = _("Coordinator")
TAB_TODAY = _("Today")
TAB_QUESTIONS = _("Questions")
TAB_NUMBERS = _("Numbers")
TAB_ACTIVITIES = _("Activities")
TAB_EXPORT = _("Export")
NO_STICK = _("No USB stick found. Put one in and open this tab again.")
COPY_TO_STICK = _("Copy the exports and this tertiaal's report to {stick}")
COPIED = _("Done: {count} new file(s) in {folder}.")
COPY_FAILED = _("Copying failed: {reason}. Nothing half-written is left on the stick.")
# The switch on an activity's row: its state as a word beside the picture of a switch.
SWITCH_ON = _("on")
SWITCH_OFF = _("off")
ACTIVITY_ALWAYS = _("always on")
ACTIVITIES_HELP = _("The switch turns an activity off or on for today only. The arrows move "
                    "its tile up or down on the door's screen.")
SURVEY_SWITCH = _("On the way out: \"How was it today?\" with five faces (a tile on the "
                  "start screen)")
SURVEY_NOT_SAVED = _("Not switched: {reason}")
SATISFACTION = ngettext("How was it today? {score} out of 10 ({count} answer, {happy}% happy)",
                        "How was it today? {score} out of 10 ({count} answers, {happy}% happy)")
SATISFACTION_TOO_FEW = ngettext(
    "How was it today? {count} answer so far: a score from {enough} answers on",
    "How was it today? {count} answers so far: a score from {enough} answers on")
MOVE_UP = _("up")
MOVE_DOWN = _("down")
SEARCH_PICTOGRAM = _("Search by word")
NO_PICTOGRAM_FOUND = _("No picture with that word. Try another word.")
ADD_ACTIVITY = _("Add a new activity")
PICK_PICTOGRAM = _("Choose a picture for the new activity")
NAME_ACTIVITY = _("Type a short name")
SAVE = _("Save")
TAB_HEALTH = _("Health")
TAB_EXIT = _("Exit")
TODAY_CHECKINS = ngettext("{count} check-in today", "{count} check-ins today")
CHECKINS = ngettext("{count} check-in", "{count} check-ins")
CARDS = ngettext("{count} card", "{count} cards")
QUESTIONS_WAITING = ngettext("{count} question waiting", "{count} questions waiting")
NO_QUESTIONS = _("Nobody is waiting.")
WAITING_FOR = _("waiting {minutes} min - tap when helped")
CLAIMED_BY = _("{device} is helping")
HELPED_UNDO = _("helped - tap to undo")
PERIOD_MONTH = _("Month")
PERIOD_TERTIAAL = _("Four months")
PERIOD_YEAR = _("Year")
# "tertiaal 3 2026": the four months the municipality's reports name so.
TERTIAAL_NAME = _("four months {number} of {year}")
NUMBERS_FOR = _("Numbers for {period}, up to and including {today}")
NUMBERS_CLOSED = _("Numbers for {period}")
HEADLINE_PEOPLE = ngettext("{count} different person came, of the {target} promised for "
                           "the period ({percent}%)",
                           "{count} different people came, of the {target} promised for "
                           "the period ({percent}%)")
HEADLINE_PEOPLE_NO_TARGET = ngettext("{count} different person came",
                                     "{count} different people came")
VISITS = ngettext("{count} visit", "{count} visits")
NEW_PEOPLE = ngettext("{count} of them for the first time", "{count} of them for the first time")
VOLUNTEERS = ngettext("{count} volunteer, {hours} hours", "{count} volunteers, {hours} hours")
PEOPLE_HEADING = _("Different people per activity (one card is one person)")
JOBS_HEADING = _("Jobs done (each check-in is one job)")
BAR_PEOPLE = ngettext("{name}: {count} person of {target} ({percent}%)",
                      "{name}: {count} people of {target} ({percent}%)")
BAR_JOBS = ngettext("{name}: {count} job of {target} ({percent}%)",
                    "{name}: {count} jobs of {target} ({percent}%)")
BAR_NO_TARGET = _("{name}: {count} (no target)")
NUMBERS_LEGEND = _("The bar goes up to one and a half times the target; the thick line is "
                   "the target itself. The small triangle shows where we should be by today.")
STATUS_AHEAD = _("ahead")
STATUS_ON_SCHEDULE = _("on schedule")
STATUS_BEHIND = _("behind")
STATUS_OK = _("fine")
STATUS_ATTENTION = _("attention")
RETENTION_CONFIRM = ngettext(
    "Today is {today}: tap here to delete {count} old month ({first} to {last}).",
    "Today is {today}: tap here to delete {count} old months ({first} to {last}).")
EXIT_TO_DESKTOP = _("Close the kiosk (to the desktop)")
RESTART_KIOSK = _("Restart the kiosk")
NO_DESKTOP = _("This kiosk has no desktop behind it: closing it would leave the screen "
               "dark. Restarting is always safe.")
ALL_WELL = _("All is well.")
TYPE_CARD_ROW = _("A card the scanner cannot read: type its code")
TYPE_CARD_CODE = _("Type the code printed on the card")
USE_CARD = _("Use this card")
CODE_WRONG = _("That code is not right. Check the letters and digits on the card.")

# The gallery's pictures, each with the word a coordinator searches for.
GALLERY_WORDS = {
    "gallery_baby": _("baby"), "gallery_bicycle": _("bicycle"), "gallery_bread": _("bread"),
    "gallery_calendar": _("calendar"), "gallery_children": _("children"),
    "gallery_clothes": _("clothes"), "gallery_elderly": _("elderly"),
    "gallery_family": _("family"), "gallery_food": _("food"), "gallery_games": _("games"),
    "gallery_health": _("health"), "gallery_heart": _("heart"),
    "gallery_meeting": _("meeting"), "gallery_music": _("music"),
    "gallery_paint": _("painting"), "gallery_party": _("party"), "gallery_phone": _("phone"),
    "gallery_plant": _("plants"), "gallery_puzzle": _("puzzle"),
    "gallery_reading": _("reading"), "gallery_sewing": _("sewing"),
    "gallery_shopping": _("shopping"), "gallery_sport": _("sport"), "gallery_tea": _("tea"),
    "gallery_walk": _("walking"), "gallery_yoga": _("yoga"),
}
