"""ISO 639-1 language codes: validation and names for the interface."""

from __future__ import annotations

from translit.errors import LanguageError

ISO_639_1 = frozenset(
    """aa ab ae af ak am an ar as av ay az ba be bg bi bm bn bo br bs ca ce ch co cr cs cu cv cy da de
    dv dz ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht hu hy hz ia id
    ie ig ii ik io is it iu ja jv ka kg ki kj kk kl km kn ko kr ks ku kv kw ky la lb lg li ln lo lt lu
    lv mg mh mi mk ml mn mr ms mt my na nb nd ne ng nl nn no nr nv ny oc oj om or os pa pi pl ps pt qu
    rm rn ro ru rw sa sc sd se sg si sk sl sm sn so sq sr ss st su sv sw ta te tg th ti tk tl tn to tr
    ts tt tw ty ug uk ur uz ve vi vo wa wo xh yi yo za zh zu""".split()
)

NAMES = {
    "en": ("English", "английский"),
    "ru": ("Russian", "русский"),
    "uk": ("Ukrainian", "украинский"),
    "es": ("Spanish", "испанский"),
    "be": ("Belarusian", "белорусский"),
    "bg": ("Bulgarian", "болгарский"),
    "kk": ("Kazakh", "казахский"),
    "de": ("German", "немецкий"),
    "fr": ("French", "французский"),
    "pt": ("Portuguese", "португальский"),
    "it": ("Italian", "итальянский"),
    "pl": ("Polish", "польский"),
    "zh": ("Chinese", "китайский"),
    "ar": ("Arabic", "арабский"),
    "uz": ("Uzbek", "узбекский"),
    "ky": ("Kyrgyz", "киргизский"),
    "tg": ("Tajik", "таджикский"),
    "ka": ("Georgian", "грузинский"),
    "hy": ("Armenian", "армянский"),
    "az": ("Azerbaijani", "азербайджанский"),
}


def check_code(code: str) -> str:
    """A normalised ISO 639-1 code, or a LanguageError that says what to pass."""
    normal = (code or "").strip().lower()
    if normal in ISO_639_1:
        return normal
    raise LanguageError(
        f"{code!r} is not a language code translit knows; use a two-letter ISO 639-1 code such as en, ru, uk or es."
    )


def language_name(code: str, in_lang: str = "en") -> str:
    names = NAMES.get(code)
    if names is None:
        return code
    return names[1] if in_lang == "ru" else names[0]
