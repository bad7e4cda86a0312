import pytest

from kiosk.cards import (ALPHABET, PAYLOAD_LENGTH, PREFIX, Card, CardError, CardKind,
                         check_character, new_card, parse_human_code, parse_payload)


def test_new_card_round_trips_through_its_payload():
    card = new_card()
    assert len(card.payload) == PAYLOAD_LENGTH
    assert card.payload.startswith(PREFIX + "B")
    assert parse_payload(card.payload) == card


def test_token_has_at_least_50_random_bits_and_differs_every_time():
    bits = len(new_card().secret) * 5
    assert bits >= 50
    assert len({new_card().token for _ in range(2000)}) == 2000


def test_the_stored_token_is_a_pseudonym_that_cannot_rebuild_the_card():
    card = new_card()
    assert card.secret not in card.token and card.secret not in card.payload[:3]
    assert len(card.token) == 1 + 12 and card.token[0] == "B"
    assert parse_payload(card.payload).token == card.token  # stable for the same card
    assert all(char in ALPHABET for char in card.token)


def test_volunteer_cards_are_a_distinct_kind():
    card = new_card(CardKind.VOLUNTEER)
    parsed = parse_payload(card.payload)
    assert parsed.kind is CardKind.VOLUNTEER
    assert parsed.token.startswith("V")


def test_every_single_character_misread_is_rejected():
    card = Card(CardKind.VISITOR, "7K3MQ9X2HT4D")
    payload = card.payload
    for position in range(len(PREFIX), len(payload)):
        for replacement in ALPHABET:
            if replacement == payload[position]:
                continue
            misread = payload[:position] + replacement + payload[position + 1:]
            with pytest.raises(CardError) as error:
                parse_payload(misread)
            assert error.value.reason == CardError.DAMAGED


@pytest.mark.parametrize("secret", ["7K3MQ9X2HT4D", "0123456789AB", "ZYXWVTSRQPNM"])
def test_swapped_neighbours_are_rejected(secret):
    payload = Card(CardKind.VISITOR, secret).payload
    for position in range(len(PREFIX), len(payload) - 1):
        a, b = payload[position], payload[position + 1]
        if a == b or {a, b} == {"0", "Z"}:  # Luhn mod N's one blind pair
            continue
        swapped = payload[:position] + b + a + payload[position + 2:]
        with pytest.raises(CardError):
            parse_payload(swapped)


@pytest.mark.parametrize("text", ["8712345678906", "https://example.org", "hello", ""])
def test_foreign_barcodes_are_recognised_as_foreign(text):
    with pytest.raises(CardError) as error:
        parse_payload(text)
    assert error.value.reason == CardError.FOREIGN


@pytest.mark.parametrize("cut", [1, 5, 10])
def test_partial_payloads_are_damaged(cut):
    payload = new_card().payload
    with pytest.raises(CardError) as error:
        parse_payload(payload[:-cut])
    assert error.value.reason == CardError.DAMAGED


def test_lower_case_and_surrounding_whitespace_are_accepted():
    card = new_card()
    assert parse_payload(f"  {card.payload.lower()}\n") == card


def test_human_code_can_be_typed_back_with_common_letter_mixups():
    card = Card(CardKind.VISITOR, "0123456789AB")
    code = card.human_code
    assert code.count("-") == 3
    typed = code.replace("0", "O").replace("1", "l")
    assert parse_human_code(typed) == card


def test_check_character_is_in_the_alphabet():
    assert check_character("B" + "0" * 12) in ALPHABET


def test_typed_codes_are_read_with_or_without_the_prefix():
    card = new_card()
    assert parse_human_code(card.human_code) == card
    assert parse_human_code(" " + card.payload.lower() + " ") == card
    with pytest.raises(CardError):
        parse_human_code(card.human_code[:-3])
    # A printed code that itself begins with BWK (1 card in 1,024) is still a printed code.
    secret = "WK3MQ9X2HT4D"
    awkward = Card(CardKind.VISITOR, secret)
    assert awkward.human_code.startswith("BWK")
    assert parse_human_code(awkward.human_code) == awkward
