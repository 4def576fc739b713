"""What both front ends share: the translator, the translation cache, model installs, the user glossary.

app.py keeps one Session per process (shared by its browser sessions); the CLI makes one per call.
Everything that changes what a translation would be (a model installed, the user glossary edited)
goes through here, so the cache can never hand back a translation made before the change.
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path

from translit.config import Settings
from translit.document import Document, Result
from translit.mt.base import ModelStore, Progress, Translator
from translit.pipeline import Options, run

TRANSLATIONS_KEPT = 20


class Session:
    def __init__(self, settings: Settings | None = None, translator: Translator | None = None) -> None:
        self.settings = settings or Settings.from_env()
        self._translator = translator
        self._store: ModelStore | None = None
        self._cache: OrderedDict[tuple, Result] = OrderedDict()
        self._lock = threading.Lock()

    @property
    def translator(self) -> Translator:
        if self._translator is None:
            from translit.mt.registry import make_translator

            self._translator = make_translator(self.settings)
        return self._translator

    # --- translating ------------------------------------------------------------------------------

    def glossary_paths(self, extra: tuple[str, ...] = ()) -> tuple[str, ...]:
        """The user's own glossaries that exist (one file per pair), then extra files: later ones win.

        The pipeline uses, of these, the files of the pair it translates."""
        from translit.pairs import pairs

        mine = dict.fromkeys([self.settings.user_glossary, *(self.user_glossary(p.code) for p in pairs())])
        return tuple(str(path) for path in mine if path.is_file()) + tuple(extra)

    def user_glossary(self, pair: str = "en-ru") -> Path:
        """The user's glossary file of a pair: the configured file for its own pair (en-ru unless its name
        says otherwise), my-glossary.<pair>.tsv beside it for the others."""
        from translit.glossary import langs_of_path

        configured = self.settings.user_glossary
        if "-".join(langs_of_path(configured)) == pair:
            return configured
        return configured.with_name(f"my-glossary.{pair}.tsv")

    def translate(
        self, document: Document, options: Options, *, given: str = "", progress: Progress | None = None,
        memory: bool = True,
    ) -> Result:
        """The article translated (or, with `given`, the user's translation checked), cached; then, unless
        `memory` is False, every sentence a person translated before taken from the memory (`reuse`).

        The key holds everything the result depends on: the text, the options, the given translation,
        the installed models and the glossary files as they are now.
        """
        result = self._translated(document, options, given, progress)
        return self.reuse(result, options) if memory and not given else result

    def _translated(self, document: Document, options: Options, given: str, progress: Progress | None) -> Result:
        translator = self.translator if not given else self.given_translation(document, given, options)
        key = self._key(document, options, given)
        with self._lock:
            if key in self._cache:
                self._cache.move_to_end(key)
                return self._cache[key]
        result = run(document, options, translator, progress=progress)
        with self._lock:
            self._cache[key] = result
            while len(self._cache) > TRANSLATIONS_KEPT:
                self._cache.popitem(last=False)  # the oldest translation goes first
        return result

    def given_translation(self, document: Document, text: str, options: Options) -> Translator:
        from translit.mt.given import GivenTranslation

        return GivenTranslation(document, Document.from_text(text), options.target_lang or "")

    def _key(self, document: Document, options: Options, given: str) -> tuple:
        from translit.glossary import shipped_files

        files = [*shipped_files(), *map(Path, options.glossary_paths)]
        stamps = tuple((str(f), f.stat().st_mtime_ns if f.is_file() else 0) for f in files)
        digest = hashlib.sha256(document.text.encode()).hexdigest()
        return (digest, options, hashlib.sha256(given.encode()).hexdigest(), self.translator.installed(), stamps)

    def forget_translations(self) -> None:
        with self._lock:
            self._cache.clear()

    # --- the translation memory ------------------------------------------------------------------

    @property
    def memory(self):
        """The translation memory (translit.memory.Memory) in the configured file."""
        from translit.memory import Memory

        return Memory(self.settings.memory)

    def reuse(self, result: Result, options: Options) -> Result:
        """The result with people's earlier translations from the memory: those made for this article
        come back as its edits, the others as "from memory". A memory that cannot be read is reported
        as a warning of the result, and nothing is taken from it."""
        if not result.translated or result.given_translation or not self.settings.memory.exists():
            return result  # no memory file yet: nothing to reuse, and nothing to open
        from dataclasses import replace

        from translit.errors import TranslitError
        from translit.memory import article_id
        from translit.pipeline import with_edits, with_memory

        try:
            matches = self.memory.exact([p.source.text for p in result.pairs], result.source_lang, result.target_lang)
        except TranslitError as error:
            return replace(result, warnings=(*result.warnings, str(error)))
        this_article = article_id(result.document)
        own = {i: m.target for i, m in matches.items() if m.article == this_article}
        others = {i: m for i, m in matches.items() if m.article != this_article}
        return with_edits(with_memory(result, others, options), own, options)

    def remember(self, result: Result, indices: Iterable[int] | None = None, *, approved: Iterable[int] = ()) -> int:
        """Store the result's human edits (of the given sentences, else all) in the memory, and the
        sentences a person approved as they were; returns how many units were new."""
        from translit.memory import Unit, article_id

        wanted = set(range(len(result.pairs))) if indices is None else set(indices)
        confirmed = set(approved)
        article = article_id(result.document)
        units = [Unit(p.source.text, p.target, result.source_lang, result.target_lang, article, who="human")
                 for p in result.pairs
                 if (p.edited and p.source.index in wanted) or p.source.index in confirmed]
        return self.memory.add(units)

    def suggestions(self, result: Result, limit: int = 3) -> dict:
        """Similar sentences of the memory (75 % alike or more), best first, for each sentence that has
        some and was neither edited nor taken from the memory: sentence index -> MemoryMatch list."""
        open_pairs = [p for p in result.pairs if not p.edited and p.memory is None]
        found = self.memory.fuzzy_many([p.source.text for p in open_pairs], result.source_lang,
                                       result.target_lang, limit=limit + 1)
        out = {}
        for position, matches in found.items():
            pair = open_pairs[position]
            kept = [m for m in matches if m.target != pair.target][:limit]
            if kept:
                out[pair.source.index] = kept
        return out

    # --- models ------------------------------------------------------------------------------------

    @property
    def store(self) -> ModelStore:
        """The backend's models on disk (install, remove, download)."""
        if self._store is None:
            from translit.mt.registry import make_store

            self._store = make_store(self.settings)
        return self._store

    def installed_packages(self):
        """The installed models, newest per pair (with their sizes and paths)."""
        return self.store.installed()

    def pivot_pairs(self):
        """Pairs the installed models reach only through English."""
        from translit.mt.base import available_pairs

        return [p for p in available_pairs({p.pair for p in self.installed_packages()}) if p.via]

    def available_models(self, index_url: str | None = None):
        """Models the backend's index offers (needs the network)."""
        return self.store.available(index_url)

    def remove_model(self, source: str, target: str):
        package = self.store.remove(source, target)
        self._models_changed()
        return package

    def install_model(self, path: Path, *, force: bool = False):
        """Install a model file (checked first; all or nothing)."""
        package = self.store.install(path, force=force)
        self._models_changed()
        return package

    def install_model_bytes(self, data: bytes, filename: str):
        """Install an uploaded model file (the app's uploader)."""
        import tempfile

        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / Path(filename).name
            path.write_bytes(data)
            return self.install_model(path)

    def download_model(
        self, source: str, target: str, *, progress: Callable[[int, int | None], None] | None = None,
        index_url: str | None = None, force: bool = False,
    ):
        """Download a model from the backend's index and install it (the only call that goes online)."""
        package = self.store.download(source, target, progress=progress, index_url=index_url, force=force)
        self._models_changed()
        return package

    def _models_changed(self) -> None:
        self.translator.refresh()
        self.forget_translations()

    # --- the user's glossary ------------------------------------------------------------------------

    def user_glossary_entries(self, pair: str = "en-ru") -> list[dict[str, str]]:
        from translit.glossary import user_entries

        return user_entries(self.user_glossary(pair))

    def add_user_term(self, entry: Mapping[str, str], pair: str = "en-ru") -> Path:
        from translit.glossary import add_user_entry

        path = add_user_entry(self.user_glossary(pair), entry)
        self.forget_translations()
        return path

    def import_user_glossary(self, data: bytes, filename: str, pair: str = "en-ru") -> int:
        from translit.glossary import import_user_glossary

        count = import_user_glossary(data, filename, self.user_glossary(pair))
        self.forget_translations()
        return count
