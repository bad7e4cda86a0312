from kivy.uix.screenmanager import Screen


class HomeScreen(Screen):
    """The welcome screen: check in, ask a question, scan a card, choose a language."""
