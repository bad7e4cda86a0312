"""Every sentence a visitor may see, in one place so translators find them all.

The ids are English; the catalogs in kiosk/locale translate them (Dutch is the default).
Keep them short and friendly (A2 level, "je").
"""

from kiosk.i18n import _

CHECKIN = _("I'm coming in")
QUESTION = _("I have a question")
SCAN_YOUR_CARD = _("Do you have a card? Hold it under the scanner.")
WHAT_FOR = _("What are you here for?")
WELCOME_BACK = _("Welcome back!")
LAST_TIME = _("Last time")
WELCOME = _("Welcome!")
CHECKED_IN = _("You are checked in.")
FIRST_TIME = _("Nice that you are here for the first time!")
ALREADY_CHECKED_IN = _("You were already checked in. Have a nice time!")
TAP_TO_CONTINUE = _("Tap the screen to continue.")
WHAT_ABOUT = _("What is your question about?")
YOU_ARE_NUMBER = _("You are number")
SOMEONE_COMES = _("Someone will come to you.")
TAKE_A_SEAT = _("Please take a seat.")
CHOOSE_LANGUAGE = _("Choose your language")
STILL_THERE = _("Are you still there?")
YES_STILL_HERE = _("Yes, I am here")
CARD_UNREADABLE = _("I could not read that card. Please try again.")
CARD_FOREIGN = _("That is not a card of this room.")
SHIFT_STARTED = _("Your shift has started. Good that you are here!")
SHIFT_ENDED = _("Your shift has ended. Thank you!")
SHIFT_LENGTH = _("{hours} h {minutes} min")
CARD_READ = _("Card read. Choose what you are here for.")
SOMETHING_WRONG = _("Something went wrong. Please ask a volunteer.")

# The coordinator's screens (behind the PIN).
PIN_PROMPT = _("Coordinator: type your PIN")
PIN_WRONG = _("Wrong PIN. {left} more tries before the pad locks.")
PIN_LOCKED = _("Too many wrong PINs. Try again after {time}.")
PIN_NOT_SET = _("No PIN is set yet. On the kiosk, run: kiosk pin set")
ADMIN_TITLE = _("Coordinator")
TAB_TODAY = _("Today")
TAB_QUESTIONS = _("Questions")
TAB_NUMBERS = _("Numbers")
TAB_HEALTH = _("Health")
TAB_EXIT = _("Exit")
TODAY_SUMMARY = _("{visits} check-ins today, {cards} different cards, {waiting} questions waiting.")
NO_QUESTIONS = _("Nobody is waiting.")
WAITING_FOR = _("waiting {minutes} min - tap when helped")
NUMBERS_FOR = _("Unique people against the target: {period}")
EXIT_TO_DESKTOP = _("Close the kiosk (to the desktop)")
RESTART_KIOSK = _("Restart the kiosk")
ALL_WELL = _("All is well.")
CARDS = _("cards")
