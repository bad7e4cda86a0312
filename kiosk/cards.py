"""Personal QR cards: a pseudonymous token that makes "unique visitor" countable.

A card carries no name. Its payload is what a USB scanner types, followed by Enter:

    BWK  B  7K3MQ9X2HT4D  R
    |    |  |             +-- check character (Luhn mod 32 over kind + token)
    |    |  +---------------- 12 random Crockford base32 characters = 60 bits (secrets)
    |    +------------------- kind: B = bezoeker (visitor), V = vrijwilliger (volunteer),
    |                               S = sleutelbeheerder (a volunteer who holds a key)
    +------------------------ fixed prefix, so a foreign barcode is recognised as foreign

Only upper-case letters and digits are used: they survive a scanner that emulates a
keyboard with another layout, and they fit QR's compact alphanumeric mode.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from enum import Enum

PREFIX = "BWK"
TOKEN_LENGTH = 12
# Crockford's base32: no I, L, O or U, so a code read aloud or typed is not ambiguous.
ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
_VALUE = {char: index for index, char in enumerate(ALPHABET)}
# Letters people type by mistake for a digit; accepted when a code is typed by hand.
_TYPED_ALIASES = str.maketrans({"O": "0", "I": "1", "L": "1"})
PAYLOAD_LENGTH = len(PREFIX) + 1 + TOKEN_LENGTH + 1
_PSEUDONYM_DOMAIN = b"buurtwerkkamer card token v1:"


class CardKind(str, Enum):
    VISITOR = "B"
    VOLUNTEER = "V"
    # A volunteer who holds a key to the room (a "sleutelbeheerder"): shifts like any
    # volunteer, and counted for the proposal's key-holder target.
    KEY_HOLDER = "S"

    @property
    def volunteers(self) -> bool:
        """Scans start and end a volunteer's shift."""
        return self is not CardKind.VISITOR


@dataclass(frozen=True)
class Card:
    kind: CardKind
    secret: str

    @property
    def token(self) -> str:
        """What the store keeps and exports: the kind and a one-way pseudonym of the secret.

        Not the secret itself: whoever holds an export or the SD card must not be able to
        print a working copy of someone's card, nor find the card behind a row.
        """
        return self.kind.value + pseudonym(self.secret)

    @property
    def payload(self) -> str:
        body = self.kind.value + self.secret
        return PREFIX + body + check_character(body)

    @property
    def human_code(self) -> str:
        """The payload in groups of four, printed under the QR code for typing by hand."""
        body = self.payload[len(PREFIX):]
        return "-".join(body[i:i + 4] for i in range(0, len(body), 4))


class CardError(ValueError):
    """A scan that is not a valid card. `reason` is one of the class constants."""

    FOREIGN = "foreign"      # some other barcode: a product, a library card
    DAMAGED = "damaged"      # our prefix, but a misread: wrong length or check character

    def __init__(self, reason: str, text: str):
        super().__init__(f"{reason}: {text!r}")
        self.reason = reason


def pseudonym(secret: str) -> str:
    """60 bits of SHA-256 over the secret, in the same alphabet. The same for every site,
    so exports of several rooms can count a person once across them."""
    digest = hashlib.sha256(_PSEUDONYM_DOMAIN + secret.encode("ascii")).digest()
    number = int.from_bytes(digest[:8], "big") >> 4  # 60 bits
    return "".join(ALPHABET[(number >> (5 * i)) & 31] for i in reversed(range(TOKEN_LENGTH)))


def check_character(body: str) -> str:
    """Luhn mod N: catches every single wrong character and every swap of neighbours
    except 0 <-> Z (the algorithm's one blind pair)."""
    factor = 2
    total = 0
    base = len(ALPHABET)
    for char in reversed(body):
        addend = factor * _VALUE[char]
        factor = 1 if factor == 2 else 2
        total += addend // base + addend % base
    return ALPHABET[(base - total % base) % base]


def new_card(kind: CardKind = CardKind.VISITOR) -> Card:
    secret = "".join(secrets.choice(ALPHABET) for _ in range(TOKEN_LENGTH))
    return Card(kind, secret)


def _cleaned(text: str) -> str:
    return text.strip().upper().replace("-", "").replace(" ", "")


def parse_payload(text: str) -> Card:
    """Turn what a scanner (or a person) typed into a Card, or raise CardError."""
    cleaned = _cleaned(text)
    if not cleaned.startswith(PREFIX):
        raise CardError(CardError.FOREIGN, text)
    cleaned = cleaned.translate(_TYPED_ALIASES)
    body, check = cleaned[len(PREFIX):-1], cleaned[-1:]
    if len(cleaned) != PAYLOAD_LENGTH or any(char not in _VALUE for char in body + check):
        raise CardError(CardError.DAMAGED, text)
    try:
        kind = CardKind(body[0])
    except ValueError:
        raise CardError(CardError.DAMAGED, text) from None
    if check_character(body) != check:
        raise CardError(CardError.DAMAGED, text)
    return Card(kind, body[1:])


def parse_human_code(code: str) -> Card:
    """A code typed from the card's print ("B7K3-MQ9X-2HT4-DR"), or the whole payload.

    Told apart by length, not by the prefix: a printed code may itself begin with "BWK"
    (a visitor card whose secret starts with WK, 1 in 1,024)."""
    cleaned = _cleaned(code)
    if len(cleaned) == PAYLOAD_LENGTH and cleaned.startswith(PREFIX):
        return parse_payload(cleaned)
    return parse_payload(PREFIX + cleaned)
