"""Sorting that follows the Kyrgyz alphabet.

Unicode puts ң, ө and ү after я, so a plain sort (and most database collations)
lists "Өзгөн" after "Ясное". The key below orders by the Kyrgyz alphabet
(Russian letters keep their place inside it), then Latin, then the rest.
"""

KYRGYZ_ALPHABET = "абвгдеёжзийклмнңоөпрстуүфхцчшщъыьэюя"
_RANK = {letter: index for index, letter in enumerate(KYRGYZ_ALPHABET)}
_LATIN_BASE = len(KYRGYZ_ALPHABET)


def sort_key(text):
    key = []
    for char in (text or "").lower():
        if char in _RANK:
            key.append(_RANK[char])
        elif "a" <= char <= "z":
            key.append(_LATIN_BASE + ord(char) - ord("a"))
        elif char.isspace() or char in "-–—'’\"«»().,":
            key.append(-1)
        else:
            key.append(_LATIN_BASE + 26 + ord(char))
    return key


def sorted_by_name(items, attr="name"):
    return sorted(items, key=lambda item: sort_key(getattr(item, attr)))
