"""Word lists for speech attribution: cue verbs with their inflected forms, roles, function words.

Cue verbs are listed once by infinitive; their finite forms, participles and (for separable
verbs) particles are generated here, so the extractor only does dictionary lookups.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

__all__ = [
    "ADVERBS",
    "ARTICLES",
    "CUE_FORMS",
    "KONJ1",
    "KONJ2",
    "PREPOSITIONS",
    "PRONOUNS",
    "WORDS",
    "CueForm",
    "is_clause_adverb",
    "is_konjunktiv1",
    "is_role_noun",
]

# Weak (regular) speech and cognition verbs: forms are generated.
_WEAK = """
sagen erklären betonen warnen meinen berichten äußern behaupten erläutern ergänzen fordern kritisieren
bestätigen dementieren mahnen klagen beklagen versichern antworten kommentieren schildern bekräftigen
argumentieren befürchten fürchten glauben vermuten hoffen erwarten bezweifeln melden verkünden
informieren verneinen appellieren beteuern resümieren folgern verlangen twittern posten
entgegnen erwidern loben bemängeln monieren beschuldigen bezeichnen kontern fragen bilanzieren
prognostizieren schätzen leugnen unterstellen fest|stellen mit|teilen an|kündigen hinzu|fügen
ein|räumen aus|führen klar|stellen klar|machen an|merken an|deuten zu|sichern hin|weisen
zurück|weisen ab|lehnen erwähnen deutlich|machen lauten scherzen erzählen
schwärmen bemerken vermelden""".split()
# Strong/irregular verbs: infinitive, 3sg present, 3sg past, participle (without particle).
_STRONG = [
    ("sprechen", "spricht", "sprach", "gesprochen"),
    ("schreiben", "schreibt", "schrieb", "geschrieben"),
    ("versprechen", "verspricht", "versprach", "versprochen"),
    ("unterstreichen", "unterstreicht", "unterstrich", "unterstrichen"),
    ("nennen", "nennt", "nannte", "genannt"),
    ("rufen", "ruft", "rief", "gerufen"),
    ("zu|geben", "gibt", "gab", "gegeben"),
    ("an|geben", "gibt", "gab", "gegeben"),
    ("hervor|heben", "hebt", "hob", "gehoben"),
    ("hin|weisen", "weist", "wies", "gewiesen"),
    ("zurück|weisen", "weist", "wies", "gewiesen"),
    ("verweisen", "verweist", "verwies", "verwiesen"),
    ("vor|werfen", "wirft", "warf", "geworfen"),
    ("fest|halten", "hält", "hielt", "gehalten"),
    ("empfehlen", "empfiehlt", "empfahl", "empfohlen"),
    ("ab|raten", "rät", "riet", "geraten"),
    ("vor|schlagen", "schlägt", "schlug", "geschlagen"),
    ("bekannt|geben", "gibt", "gab", "gegeben"),
    ("bestreiten", "bestreitet", "bestritt", "bestritten"),
    ("widersprechen", "widerspricht", "widersprach", "widersprochen"),
    ("an|nehmen", "nimmt", "nahm", "genommen"),
    ("aus|gehen", "geht", "ging", "gegangen"),
]
_INSEPARABLE = ("be", "er", "ver", "ent", "zer", "emp", "ge", "miss", "unter", "wider", "über")
#: Generated forms that are far more often something else ("meine" is a possessive).
_NOT_CUES = frozenset({"meine", "hoffe", "glaube", "frage", "fürchte", "melde", "lobe", "schätze"})

#: Multi-word cues: finite verb form + word that must follow within the clause.
PHRASAL = {"machen": ("deutlich", "klar"), "geben": ("bekannt", "an", "zu"), "sich äußern": ()}


@dataclass(frozen=True, slots=True)
class CueForm:
    """A cue-verb word form: its lemma, the particle a separable verb needs later, and its kind."""

    lemma: str
    particle: str | None  # "an" for "kündigte … an"
    finite: bool  # finite forms can stand in second position; participles/infinitives cannot
    plural: bool = False
    participle: bool = False  # "gesagt": speech only with haben ("hat … gesagt"), not passive
    konj: bool = False  # "sage", "fordere": a subjunctive form, i.e. itself reported speech


def _split_particle(inf: str) -> tuple[str | None, str]:
    """Split "an|kündigen" into ("an", "kündigen"); plain verbs have no particle."""
    if "|" in inf:
        particle, base = inf.split("|", 1)
        return particle, base
    return None, inf


def _weak_forms(base: str) -> tuple[list[str], list[str], str]:
    """Return (singular finite forms, plural finite forms, participle) of a weak verb."""
    if base.endswith(("ern", "eln")):
        stem = base[:-1]
        sg, pl = [stem + "t", stem + "te", stem + "e"], [base, stem + "ten"]
    else:
        stem = base[:-2]
        e = "e" if stem.endswith(("t", "d", "chn", "ffn", "gn")) else ""
        sg = [stem + e + "t", stem + e + "te", stem + "e"]
        pl = [stem + "en", stem + e + "ten"]
    ge = "" if base.startswith(_INSEPARABLE) or base.endswith("ieren") else "ge"
    part = ge + (stem + ("e" if not base.endswith(("ern", "eln")) and stem.endswith(("t", "d")) else "") + "t")
    return sg, pl, part


@lru_cache(maxsize=1)
def _build_forms() -> dict[str, list[CueForm]]:
    forms: dict[str, list[CueForm]] = {}

    def add(word: str, form: CueForm) -> None:
        if word in _NOT_CUES:
            return
        bucket = forms.setdefault(word, [])
        if form not in bucket:
            bucket.append(form)

    for raw in _WEAK:
        particle, base = _split_particle(raw)
        inf = raw.replace("|", "")
        sg, pl, part = _weak_forms(base)
        for k, w in enumerate(sg):
            konj = k == len(sg) - 1
            add(w, CueForm(inf, particle, True, konj=konj))
            if particle:
                add(particle + w, CueForm(inf, None, False, konj=konj))  # subordinate: "…, dass er ankündigte"
        for w in pl:
            add(w, CueForm(inf, particle, True, plural=True))
            if particle:
                add(particle + w, CueForm(inf, None, False, plural=True))
        add((particle or "") + part, CueForm(inf, None, False, participle=True))
    for raw, pres, past, part in _STRONG:
        particle, base = _split_particle(raw)
        inf = raw.replace("|", "")
        past_pl = past + ("en" if not past.endswith("e") else "n")
        konj1 = base[:-1] if base.endswith("en") else base
        for w in (pres, past, konj1):
            add(w, CueForm(inf, particle, True, konj=w == konj1))
            if particle:
                add(particle + w, CueForm(inf, None, False, konj=w == konj1))
        for w in (base, past_pl):
            add(w, CueForm(inf, particle, True, plural=True))
            if particle:
                add(particle + w, CueForm(inf, None, False, plural=True))
        add((particle or "") + part, CueForm(inf, None, False, participle=True))
    # "so X" after a quote, and "laut"-style prepositions are handled separately.
    return forms


CUE_FORMS: dict[str, list[CueForm]] = _build_forms()

#: the word lists of ``lagebild/data/speech/words.toml``
WORDS: dict[str, list[str]] = tomllib.loads(
    (Path(__file__).resolve().parent.parent / "data" / "speech" / "words.toml").read_text("utf-8"))
#: the nouns after "nach" that credit a source ("nach Angaben der Polizei"), kept once for speech and claims
CLAIMANT_SOURCE_NOUNS: frozenset[str] = frozenset(tomllib.loads(
    (Path(__file__).resolve().parent.parent / "data" / "claimant_cues.toml").read_text("utf-8"))["source_nouns"])

ARTICLES = frozenset(
    "der die das des dem den ein eine einer eines einem einen dieser diese dieses diesem diesen "
    "sein seine seiner seines seinem seinen ihr ihre ihrer ihres ihrem ihren unser unsere jener jene".split()
)
PRONOUNS = frozenset("er sie es man".split())
PREPOSITIONS = frozenset(
    "an am auf aus bei beim für gegen gegenüber hinter in im ins mit nach neben ohne seit über um unter "
    "von vom vor während wegen zu zum zur zwischen durch trotz laut angesichts infolge dank per pro "
    "bezüglich hinsichtlich anlässlich innerhalb außerhalb entlang gemäß samt inmitten nahe unweit mithilfe "
    "anhand aufgrund statt anstatt ungeachtet seitens mittels jenseits diesseits oberhalb unterhalb binnen ab "
    "bis außer entgegen zwecks inklusive".split()
)
ADVERBS = frozenset(
    """zudem außerdem dann auch später gestern heute morgen vorgestern dazu daraufhin danach jetzt nun
    bereits dabei damals so hier dort deshalb daher trotzdem allerdings jedoch ebenfalls zuvor zuletzt
    schließlich weiter ferner anschließend gleichzeitig zugleich indes derweil doch aber und oder denn
    sogar erneut wiederholt bislang bisher inzwischen mittlerweile kürzlich jüngst zunächst erst noch
    immer stets nämlich offenbar offensichtlich gleichwohl dennoch darüber darauf dagegen hingegen
    überdies zusätzlich ausdrücklich wörtlich eindringlich öffentlich nachdrücklich abschließend
    einleitend wiederum freilich immerhin also insbesondere ebenso genauso schon plötzlich sogleich gleich bald
    wieder endlich""".split()
)
#: Common finite auxiliaries/modals: they end a noun phrase.
VERB_STOP = frozenset(
    """ist sind war waren wird werden wurde wurden worden hat haben hatte hatten habe sei seien wäre
    wären hätte hätten würde würden kann können konnte konnten könne könnte könnten muss müssen musste
    mussten müsse müsste soll sollen sollte sollten solle will wollen wollte wollten wolle darf dürfen
    durfte dürfe dürfte mag möchte gibt gab geht ging steht stand liegt lag bleibt blieb kommt kam""".split()
)
KONJ1 = frozenset(
    """sei seien seiest habe werde könne müsse solle wolle dürfe möge wisse gebe gehe stehe liege komme
    bleibe sehe gelte halte brauche lasse mache finde wolle trage diene führe handle""".split()
)
KONJ2 = frozenset(
    """wäre wären hätte hätten würde würden könnte könnten müsste müssten sollte sollten dürfte dürften
    wollte möchte möchten läge lägen gäbe gäben käme kämen bliebe blieben stünde stünden erhielte
    erhielten ginge gingen hielte wüsste""".split()
)
#: Role nouns and suffixes that head a speaker description ("der südkoreanische Präsident …").
_ROLE_WORDS = frozenset(
    """präsident präsidentin minister ministerin kanzler kanzlerin sprecher sprecherin chef chefin
    direktor direktorin generalsekretär generalsekretärin leiter leiterin führer führerin vorsitzende
    vorsitzender vorsitzenden botschafter botschafterin diplomat diplomatin spitzendiplomat beamter
    beamte experte expertin analyst analystin politiker politikerin abgeordnete abgeordneter senator
    senatorin gouverneur gouverneurin bürgermeister bürgermeisterin regierungschef staatschef
    machthaber general admiral kommandeur oberbefehlshaber professor professorin dr sekretär sekretärin
    premier premierminister premierministerin ministerpräsident ministerpräsidentin staatssekretär
    staatssekretärin vize vizepräsident vizepräsidentin chefarzt trainer trainerin kapitän sprecherin
    ökonom ökonomin forscher forscherin wissenschaftler wissenschaftlerin anwalt anwältin richter
    richterin staatsanwalt staatsanwältin polizeisprecher polizeisprecherin autor autorin
    journalist journalistin korrespondent korrespondentin außenminister außenministerin kremlchef
    geschäftsführer geschäftsführerin gründer gründerin manager managerin ceo intendant intendantin
    kommissar kommissarin beauftragte beauftragter koordinator koordinatorin herr frau person
    sportdirektor sportdirektorin sportchef landrat landrätin
    erklärung mitteilung pressemitteilung stellungnahme meldung bericht berichten interview statement
    schreiben brief tweet beitrag studie umfrage angaben informationen aussage aussagen einschätzung
    schätzung schätzungen darstellung ansicht erkenntnissen berechnungen zählung
    vater mutter sohn tochter familienvater familienmutter ehefrau ehemann bruder schwester freund freundin
    kollege kollegin spieler spielerin torhüter torhüterin stürmer kapitänin arzt ärztin polizist polizistin
    zeuge zeugin augenzeuge augenzeugin nachbar nachbarin bewohner bewohnerin besucher besucherin sängerin
    sänger schauspieler schauspielerin moderator moderatorin musiker musikerin regisseur regisseurin
    künstler künstlerin unternehmer unternehmerin gewerkschafter gewerkschafterin aktivist aktivistin
    verteidiger verteidigerin kläger klägerin angeklagte angeklagter opfer mann""".split()
)
_ROLE_SUFFIXES = (
    "präsident", "präsidentin", "minister", "ministerin", "kanzler", "kanzlerin", "sprecher",
    "sprecherin", "chef", "chefin", "direktor", "direktorin", "sekretär", "sekretärin", "leiter",
    "leiterin", "führer", "führerin", "vorsitzende", "vorsitzender", "botschafter", "botschafterin",
    "diplomat", "experte", "expertin", "analyst", "politiker", "politikerin", "abgeordnete",
    "kommandeur", "general", "berater", "beraterin", "beauftragte", "beauftragter", "sprecherin",
    "funktionär", "funktionärin", "vertreter", "vertreterin", "mitglied", "jährige", "jähriger",
    "jährigen", "trainer", "trainerin", "sprecherin", "chefin", "leiterin", "direktorin",
)


#: Abbreviated titles, matched with their capitals only ("OB", not the conjunction "ob").
_ROLE_ACRONYMS = frozenset({"OB", "MdB", "MdL", "CEO"})


def is_role_noun(word: str) -> bool:
    """Return whether ``word`` is a role/title noun ("Präsident", "US-Verteidigungsminister")."""
    if word in _ROLE_ACRONYMS:
        return True
    w = word.lower().rstrip(".")
    if w in _ROLE_WORDS:
        return True
    tail = w.rsplit("-", 1)[-1]
    return tail in _ROLE_WORDS or w.endswith(_ROLE_SUFFIXES)


@lru_cache(maxsize=4)
def _word_file(name: str) -> frozenset[str]:
    """The words of a list in ``data/speech`` built from simplemma's German lemmas
    (``python -m lagebild.speech.build_lexicon``); empty when the file is missing."""
    path = Path(__file__).resolve().parent.parent / "data" / "speech" / name
    try:
        return frozenset(path.read_text("utf-8").split())
    except OSError:
        return frozenset()


def _konj1_forms() -> frozenset[str]:
    """Subjunctive-I forms derived from simplemma's German lemmas."""
    return _word_file("konjunktiv1.txt")


def is_konjunktiv1(word: str) -> bool:
    """Return whether a lower-case word is a Konjunktiv I form ("sei", "habe", "liefere").

    Besides the listed forms, a word ending in "-e" whose lemma is the word plus "n" (or
    "-ere"/"-le" → "-ern"/"-eln") counts; that list is built from simplemma's dictionary.
    """
    if word in KONJ1:
        return True
    if not word.endswith("e") or len(word) < 4 or word in VERB_STOP:
        return False
    return word in _konj1_forms()


def _adverb_adjectives() -> frozenset[str]:
    """Adjectives and adverbs in -lich/-isch/-ig/-bar/-sam/-weise/-mals/-falls from simplemma's German lemmas."""
    return _word_file("adverb_adjectives.txt")


def is_clause_adverb(word: str) -> bool:
    """Return whether a lower-case word is an adverb or adverbial adjective ("ähnlich", "gesellschaftspolitisch").

    A listed word counts, and so does a compound ending in a listed word of seven letters or more
    ("sicherheitspolitisch"); a name with such an ending ("Ludwig", "König") is no dictionary adjective.
    """
    known = _adverb_adjectives()
    if word in ADVERBS or word in known:
        return True
    return any(word[i:] in known for i in range(3, len(word) - 6))
