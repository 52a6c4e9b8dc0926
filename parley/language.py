"""The language of an article's text, found offline from its script and function words.

The pipeline (spaCy's en_core_web_sm, the lexicons, the attribution model) reads English;
an article in another language would be stored with junk actors and events, so it is
rejected with reason `language` naming the language found (setting `languages`).

How: the letters' script decides first (Cyrillic, Arabic, Han, Kana, Hangul, Greek, Hebrew,
Devanagari, Thai, ...); among the languages of that script, the one whose most frequent
function words ("the", "of", "and" / "der", "die", "und" / ...) cover the largest share of
the words wins. News text is long and full of function words, so this is reliable on
articles; a text with too few words to tell is "und" (undetermined) and is processed.

Tried first: py3langid (97 languages, naive Bayes over byte n-grams): 3.5 s and about
100 MB to load per process on the shared 2-core machine, where this costs nothing to load
and about 1 ms per article. The cost mattered: every ingest worker loads it.
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass

# Characters judged per article: three slices, from the start, the middle and the end.
SAMPLE_CHARS = 3000
# Fewer words than this (or letters, for scripts without spaces) cannot be told apart.
MIN_WORDS = 8
# A Latin-script text is another language when that language's function words cover at
# least this share of its words and English ones less than ENGLISH_FLOOR.
MIN_SHARE = 0.12
ENGLISH_FLOOR = 0.06
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")

# The most frequent function words of each language (lower case), from general knowledge of
# the languages; none is also frequent in English news.
FUNCTION_WORDS: dict[str, frozenset[str]] = {k: frozenset(v.split()) for k, v in {
    "en": "the of and to in is that for it with as was on be by at are this from have has had "
          "not but which were been their they would will said its an or who he she his her",
    "de": "der die und das ist nicht ein eine den dem des mit sich auch auf für von zu im "
          "wird werden nach wie bei aus dass sind oder noch über einer vor",
    "fr": "le la les des et est une du que qui dans pour pas sur au avec il elle ce sont "
          "aux par plus été ont mais ses leur cette nous vous",
    "es": "el la los las del que y en es por con para una se no su al lo como más pero sus "
          "fue este esta entre también ha",
    "it": "il la che di e è per un una del della non con sono gli le dei nel alla anche come "
          "più ma ha delle questo essere",
    "pt": "o a os as de que e do da em um uma para com não no na por se dos das mais foi ao "
          "como mas seu sua também é",
    "nl": "de het een en van in is dat op te zijn met voor niet aan er ook als bij maar om "
          "door naar wordt werd heeft deze",
    "sv": "och att det som en är på för av med till den har inte om ett de var jag men från "
          "så kan vid sig efter",
    "da": "og at det som en er på for af med til den har ikke om et de var jeg men fra så "
          "kan ved sig efter blev",
    "no": "og at det som en er på for av med til den har ikke om et de var jeg men fra så "
          "kan ved seg etter ble",
    "pl": "i w na z do nie że się jest to o jak po od przez dla ale ich oraz jego być już "
          "tak są który",
    "cs": "a v na se je že do to s z o pro jako by ale jsou jeho které není který od po "
          "také už",
    "ro": "și de în la cu pe că nu o un este se din care pentru mai a sunt ale al fost "
          "această sau",
    "hu": "a az és hogy nem is egy van meg de már csak el ki volt mint ezt azt még lesz "
          "pedig után",
    "fi": "ja on ei se että oli hän ovat mutta kun myös tai ole sen joka niin jo vain "
          "kuin mukaan",
    "tr": "ve bir bu da de için ile olarak çok daha gibi ne en ama sonra kadar olan var "
          "değil göre",
    "id": "yang dan di dari ini itu dengan untuk tidak dalam akan pada juga ke karena "
          "ada oleh bahwa telah",
    "ru": "и в не на что с по как это он к из за от для но она так его был же или уже "
          "было они при",
    "uk": "і в не на що з по як це він до з за від для але вона так його був вже було "
          "вони та або",
    "bg": "и в на да се не за от с че е са по като това но от той ще които",
    "ar": "في من على أن إلى التي الذي مع عن هذا ما لا كان هذه بين قد أو",
    "fa": "و در به از که این را با است برای آن یک تا شده می های",
    "ur": "کے میں کی ہے اور سے کو نے کا یہ ہیں پر کہ",
    "hi": "के में की है और से को का एक यह पर कि ने हैं",
}.items()}
# The languages written in each script, as far as told here; the first is the default.
SCRIPT_LANGUAGES = {
    "LATIN": ("en", "de", "fr", "es", "it", "pt", "nl", "sv", "da", "no", "pl", "cs", "ro",
              "hu", "fi", "tr", "id"),
    "CYRILLIC": ("ru", "uk", "bg"), "ARABIC": ("ar", "fa", "ur"), "DEVANAGARI": ("hi",),
    "GREEK": ("el",), "HEBREW": ("he",), "CJK": ("zh",), "HIRAGANA": ("ja",), "KATAKANA": ("ja",),
    "HANGUL": ("ko",), "THAI": ("th",), "GEORGIAN": ("ka",), "ARMENIAN": ("hy",),
    "BENGALI": ("bn",), "TAMIL": ("ta",),
}
NAMES = {
    "en": "English", "de": "German", "fr": "French", "es": "Spanish", "it": "Italian",
    "pt": "Portuguese", "nl": "Dutch", "sv": "Swedish", "da": "Danish", "no": "Norwegian",
    "pl": "Polish", "cs": "Czech", "ro": "Romanian", "hu": "Hungarian", "fi": "Finnish",
    "tr": "Turkish", "id": "Indonesian", "ru": "Russian", "uk": "Ukrainian", "bg": "Bulgarian",
    "ar": "Arabic", "fa": "Persian", "ur": "Urdu", "hi": "Hindi", "el": "Greek", "he": "Hebrew",
    "zh": "Chinese", "ja": "Japanese", "ko": "Korean", "th": "Thai", "ka": "Georgian",
    "hy": "Armenian", "bn": "Bengali", "ta": "Tamil", "und": "undetermined",
}


@dataclass(frozen=True)
class Language:
    code: str                 # ISO 639-1 ("en", "de", "ru", ...) or "und" when too short to tell
    confidence: float         # share of the evidence behind `code` (0..1)

    @property
    def name(self) -> str:
        return NAMES.get(self.code, self.code)


def detect(text: str) -> Language:
    """The language of `text`; "und" (undetermined) when it is too short to tell."""
    sample = _sample(text)
    script, share = _main_script(sample)
    if script is None:
        return Language("und", 0.0)
    langs = SCRIPT_LANGUAGES.get(script, ())
    if script != "LATIN":
        if share < 0.5 or not langs:
            return Language("und", 0.0) if share < 0.5 else Language(script.lower(), round(share, 3))
        return Language(_best_by_words(sample, langs)[0] or langs[0], round(share, 3))
    best, best_share, english = _best_by_words(sample, langs)
    if best is None:
        return Language("und", 0.0)
    if best != "en" and best_share >= MIN_SHARE and english < ENGLISH_FLOOR:
        return Language(best, round(best_share, 3))
    return Language("en", round(english, 3))


def accepted(lang: Language, allowed: frozenset[str]) -> bool:
    """Whether an article in `lang` is processed: an allowed language, or undetermined."""
    return "any" in allowed or lang.code in allowed or lang.code == "und"


def allowed_languages(setting: str) -> frozenset[str]:
    """The `languages` setting ("en", "en,de", "any") as a set of codes."""
    return frozenset(c.strip().lower() for c in setting.split(",") if c.strip()) or frozenset({"en"})


def _sample(text: str) -> str:
    if len(text) <= SAMPLE_CHARS:
        return text
    third = SAMPLE_CHARS // 3
    mid = len(text) // 2
    return " ".join((text[:third], text[mid - third // 2: mid + third // 2], text[-third:]))


def _main_script(sample: str) -> tuple[str | None, float]:
    """The script most letters are written in and its share of the letters."""
    counts: Counter = Counter()
    for ch in sample:
        if ch.isalpha():
            counts[_script(ch)] += 1
    total = sum(counts.values())
    if total < MIN_WORDS * 3:
        return None, 0.0
    if counts["HIRAGANA"] + counts["KATAKANA"] > 0.1 * total:     # Japanese mixes kana and Han
        return "HIRAGANA", (counts["HIRAGANA"] + counts["KATAKANA"] + counts["CJK"]) / total
    script, n = counts.most_common(1)[0]
    return script, n / total


def _script(ch: str) -> str:
    if ch < "\u0250":
        return "LATIN"
    name = unicodedata.name(ch, "")
    if name.startswith("CJK"):
        return "CJK"
    return name.split(" ", 1)[0] if name else "OTHER"


def _best_by_words(sample: str, langs: tuple[str, ...]) -> tuple[str | None, float, float]:
    """(the language whose function words cover most words, that share, English's share)."""
    words = [w.lower() for w in _WORD.findall(sample)]
    if len(words) < MIN_WORDS:
        return None, 0.0, 0.0
    counts = Counter(words)
    shares = {lang: sum(counts[w] for w in FUNCTION_WORDS[lang]) / len(words)
              for lang in langs if lang in FUNCTION_WORDS}
    if not shares:
        return None, 0.0, 0.0
    best = max(shares, key=lambda k: (shares[k], k == "en"))
    return best, shares[best], shares.get("en", 0.0)
