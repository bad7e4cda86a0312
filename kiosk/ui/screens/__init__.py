"""One module and one kv file per screen; `ALL` is the order the app adds them in."""

from .activities import ActivitiesScreen
from .home import HomeScreen
from .language import LanguageScreen
from .privacy import PrivacyScreen
from .queue_number import QueueNumberScreen
from .topics import TopicsScreen
from .volunteer import VolunteerScreen
from .welcome import WelcomeScreen

ALL = (HomeScreen, ActivitiesScreen, WelcomeScreen, TopicsScreen, QueueNumberScreen,
       LanguageScreen, VolunteerScreen, PrivacyScreen)

__all__ = [cls.__name__ for cls in ALL] + ["ALL"]
