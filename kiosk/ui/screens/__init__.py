"""One module and one kv file per screen; `ALL` is the order the app adds them in."""

from .activities import ActivitiesScreen
from .admin import AdminScreen
from .admin_card import AdminCardScreen
from .admin_gallery import AdminGalleryScreen, AdminNameScreen
from .admin_pin import AdminPinScreen
from .home import HomeScreen
from .language import LanguageScreen
from .privacy import PrivacyScreen
from .queue_number import QueueNumberScreen
from .survey import SurveyScreen, SurveyThanksScreen
from .topics import TopicsScreen
from .volunteer import VolunteerScreen
from .welcome import WelcomeScreen

ALL = (HomeScreen, ActivitiesScreen, WelcomeScreen, TopicsScreen, QueueNumberScreen,
       LanguageScreen, VolunteerScreen, PrivacyScreen, SurveyScreen, SurveyThanksScreen,
       AdminPinScreen, AdminScreen,
       AdminGalleryScreen, AdminNameScreen, AdminCardScreen)

__all__ = [cls.__name__ for cls in ALL] + ["ALL"]
