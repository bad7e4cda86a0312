"""kiosk.door_pictures as Kivy textures, made once per process and kept.

Drawn at run time rather than committed: the room's card carries the site's own name, and
a coordinator who renames the room sees the new name on the door too.
"""

from __future__ import annotations

from functools import lru_cache

from kivy.graphics.texture import Texture
from PIL import Image

from kiosk import door_pictures


def _texture(image: Image.Image) -> Texture:
    image = image.convert("RGBA")
    texture = Texture.create(size=image.size, colorfmt="rgba")
    texture.blit_buffer(image.tobytes(), colorfmt="rgba", bufferfmt="ubyte")
    texture.flip_vertical()  # Pillow's rows run top down, OpenGL's bottom up
    return texture


@lru_cache(maxsize=16)
def picture(name: str, site_name: str) -> Texture:
    """A picture by name: "room_card", "scanner" or one of door_pictures.PICTURES."""
    if name == "room_card":
        return _texture(door_pictures.room_card(site_name))
    if name == "scanner":
        return _texture(door_pictures.scanner())
    return _texture(door_pictures.picture(name, site_name))
