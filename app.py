"""translit's Streamlit front end: widgets -> translit.pipeline -> render. No logic of its own."""

from __future__ import annotations

import functools
import hashlib
from dataclasses import replace

import streamlit as st

from translit import i18n
from translit.config import Settings
from translit.detect import language_name
from translit.document import Document, Result, SpanKind
from translit.edits import apply_edits, fold_changes
from translit.errors import TranslitError
from translit.export import EXPORT_FORMATS, export, export_filename
from translit.ingest import UPLOAD_TYPES, document_from_bytes, load_document, sample_paths
from translit.pipeline import AUTO, Options, detect, run, with_summary
from translit.render import aligned_html, reader_html, summary_html
from translit.session import Session

st.set_page_config(page_title="translit", layout="wide")


@st.cache_resource
def get_session() -> Session:
    """One Session per process: its translator and translation cache serve every browser session."""
    return Session(Settings.from_env())


def t(key: str) -> str:
    return i18n.text(key, st.session_state.get("ui_lang", "en"))


def set_article(document: Document) -> None:
    """Put an ingested article in the editor, keeping what ingest found besides the text."""
    st.session_state["article"] = document.text
    st.session_state["article_meta"] = (document.text, document.title, document.byline, document.date, document.source)
    st.session_state.pop("result_key", None)


def article_document(text: str) -> Document:
    """The article as a Document: with the title, byline and date ingest found while the text is unchanged."""
    meta = st.session_state.get("article_meta")
    if meta and meta[0] == text:
        _, title, byline, date, source = meta
        return Document.from_text(text, title=title, byline=byline, date=date, source=source)
    return Document.from_text(text)


def input_section(settings: Settings) -> str:
    kinds = {"paste": t("paste"), "upload": t("upload"), "url": t("url"), "sample": t("sample")}
    kind = st.radio(t("input"), list(kinds), format_func=kinds.get, horizontal=True, key="input_kind")
    if kind == "sample":
        samples = sample_paths()
        name = st.selectbox(t("choose_sample"), list(samples), key="sample_name")
        if name and st.session_state.get("loaded_sample") != name:
            st.session_state["loaded_sample"] = name
            set_article(Document.from_text(samples[name].read_text(encoding="utf-8"), source=name))
    elif kind == "upload":
        st.caption(t("upload_limit").format(mb=settings.max_upload_bytes / 1e6))
        upload = st.file_uploader(t("choose_file"), type=list(UPLOAD_TYPES), key="upload")
        if upload is not None and st.session_state.get("loaded_upload") != upload.file_id:
            st.session_state["loaded_upload"] = upload.file_id
            set_article(document_from_bytes(upload.getvalue(), upload.name, settings=settings))
    elif kind == "url":
        url = st.text_input(t("url_field"), key="url", placeholder="https://")
        if st.button(t("fetch"), key="fetch") and url.strip():
            with st.spinner(t("fetching")):
                set_article(load_document(url.strip(), settings=settings))
    return st.text_area(t("article_text"), key="article", height=260)


def language_section(document: Document, translator) -> tuple[str, str | None, str]:
    """Source and target languages, and the user's own translation when they have one ("" otherwise)."""
    detection = detect(document, AUTO)
    col_source, col_target = st.columns(2)
    with col_source:
        overall = detection.overall
        if overall.known:
            name = language_name(overall.lang, st.session_state.get("ui_lang", "en"))
            st.markdown(f"**{t('detected')}:** {name} ({t('confidence')} {overall.confidence:.0%})")
        else:
            st.warning(t("unknown_lang"))
        choices = [AUTO, *sorted({p.source for p in translator.pairs()} | {"en", "ru", "uk", "es"})]
        source = st.selectbox(
            t("source_lang"),
            choices,
            format_func=lambda c: t("auto") if c == AUTO else f"{language_name(c)} ({c})",
            key="source_override",
        )
    if detection.mixed:
        st.warning(f"{t('mixed')}: {', '.join(detection.languages)}")
    paragraph_languages(detection)
    effective = overall.lang if source == AUTO else source
    with col_target:
        if st.checkbox(t("have_translation"), key="have_translation"):
            return (source, *given_translation_section(effective))
        pairs = [p for p in translator.pairs() if p.source == effective]
        if not translator.pairs():
            st.info(t("no_models"))
            return source, None, ""
        if not pairs:
            st.info(t("no_pair"))
            return source, None, ""
        labels = {
            p.target: f"{language_name(p.target)} ({p.target})" + (f" — {t('via')} {p.via}" if p.via else "")
            for p in pairs
        }
        default = list(labels).index("ru") if "ru" in labels else 0
        target = st.selectbox(
            t("target_lang"), list(labels), index=default, format_func=lambda code: labels[code], key="target"
        )
    return source, target, ""


def paragraph_languages(detection) -> None:
    """The language of each paragraph with its confidence (calibrated: 90 % is right about 9 times in 10)."""
    if len(detection.paragraphs) < 2:
        return
    shown_in = st.session_state.get("ui_lang", "en")
    with st.expander(t("paragraph_languages")):
        lines = []
        for index, found in detection.paragraphs:
            name = language_name(found.lang, shown_in)
            lines.append(f"{index + 1}. " + (f"{name} {found.confidence:.0%}" if found.known else t("unknown_short")))
        st.caption(" · ".join(lines))


def given_translation_section(source: str) -> tuple[str | None, str]:
    """The language and text of a translation the user already has (line i translates line i)."""
    st.caption(t("have_translation_help"))
    choices = [c for c in ("ru", "en", "uk", "es") if c != source]
    target = st.selectbox(
        t("translation_lang"), choices, format_func=lambda c: f"{language_name(c)} ({c})", key="given_target"
    )
    text = st.text_area(t("translation_text"), key="given_text", height=200)
    return (target, text) if text.strip() else (None, "")


def translate(session: Session, document: Document, options: Options, given: str = "") -> Result:
    bar = st.progress(0.0, text=t("translating"))

    def progress(done: int, total: int) -> None:
        bar.progress(done / max(total, 1), text=f"{t('translating')}: {done}/{total} {t('sentences')}")

    result = session.translate(document, options, given=given, progress=progress)
    bar.empty()
    return result


def editor_key(result_key: str) -> str:
    version = st.session_state.setdefault("edit_version", {}).get(result_key, 0)
    return f"editor-{version}-{result_key}"


def saved_edits(machine: Result, result_key: str) -> dict[int, str]:
    """The volunteer's edits for this translation, kept for the whole session.

    The editor widget reports changes relative to the rows it was given; they are folded into the
    saved edits, and the widget is then rebuilt on the new rows (a new key), so nothing depends on
    widget state surviving reruns.
    """
    store = st.session_state.setdefault("edits", {})
    saved = store.get(result_key, {})
    state = st.session_state.get(editor_key(result_key)) or {}
    edits = fold_changes([p.target for p in machine.pairs], saved, state.get("edited_rows", {}))
    if edits != saved:
        versions = st.session_state["edit_version"]
        versions[result_key] = versions.get(result_key, 0) + 1
    store[result_key] = edits
    return edits


def edit_section(session: Session, machine: Result, result: Result, result_key: str) -> None:
    with st.expander(t("edit")):
        st.caption(t("edit_help"))
        st.caption(t("memory_saved").format(path=session.settings.memory))
        st.data_editor(
            [{"source": p.source.text, "target": p.target} for p in result.pairs],
            column_config={
                "source": st.column_config.TextColumn(t("source_col"), disabled=True),
                "target": st.column_config.TextColumn(t("target_col")),
            },
            hide_index=True,
            width="stretch",
            key=editor_key(result_key),
        )
        memory_suggestions(session, result, result_key)
        xliff_import(machine, result_key)


def set_edit(result_key: str, index: int, text: str) -> None:
    """Record an edit made outside the table (a memory suggestion, an XLIFF) and rebuild the table."""
    st.session_state.setdefault("edits", {}).setdefault(result_key, {})[index] = text
    versions = st.session_state.setdefault("edit_version", {})
    versions[result_key] = versions.get(result_key, 0) + 1


def memory_suggestions(session: Session, result: Result, result_key: str) -> None:
    """Similar sentences a person translated before (75 % alike or more), with what differs, to take over."""
    from translit.memory import word_diff
    from translit.render import diff_html

    try:
        # Worked out again only when the memory or the edits change, not on every rerun.
        key = (result_key, session.memory.version(), tuple(p.target for p in result.pairs))
        cached = st.session_state.get("memory_suggestions")
        if cached is None or cached[0] != key:
            cached = (key, session.suggestions(result))
            st.session_state["memory_suggestions"] = cached
        found = cached[1]
    except TranslitError as exc:
        st.warning(str(exc))
        return
    if not found:
        return
    st.markdown(f"**{t('memory_suggestions')}**")
    for index, matches in found.items():
        pair = result.pairs[index]
        for number, match in enumerate(matches):
            st.markdown(
                f"{index + 1}. {t('memory_match').format(score=match.score)}: "
                + diff_html(word_diff(match.source, pair.source.text)) + f"<br>→ {escape_html(match.target)}",
                unsafe_allow_html=True,
            )
            if st.button(t("memory_use"), key=f"use-memory-{result_key}-{index}-{number}"):
                set_edit(result_key, index, match.target)
                st.rerun()


def xliff_import(machine: Result, result_key: str) -> None:
    """Edits made to this article's XLIFF in a CAT tool."""
    from translit.exchange.xliff import edits_from_xliff

    upload = st.file_uploader(t("import_xliff"), type=["xlf", "xliff"], key=f"xliff-{result_key}")
    if upload is None or st.session_state.get("imported_xliff") == (result_key, upload.file_id):
        return
    st.session_state["imported_xliff"] = (result_key, upload.file_id)
    try:
        edits = edits_from_xliff(machine, upload.getvalue())
    except TranslitError as exc:
        st.error(str(exc))
        return
    for index, text in edits.items():
        set_edit(result_key, index, text)
    st.session_state["xliff_message"] = t("xliff_imported").format(count=len(edits))
    st.rerun()


def escape_html(text: str) -> str:
    import html

    return html.escape(text)


def remember_edits(session: Session, result: Result, result_key: str) -> None:
    """Keep the volunteer's new edits in the translation memory (each one once)."""
    kept = st.session_state.setdefault("remembered", {}).setdefault(result_key, {})
    new = [p.source.index for p in result.pairs if p.edited and kept.get(p.source.index) != p.target]
    if not new:
        return
    try:
        session.remember(result, new)
    except TranslitError as exc:
        st.warning(str(exc))
        return
    kept.update({i: result.pairs[i].target for i in new})


def result_section(result: Result, editor=None) -> None:
    from translit.qa import needs_a_look

    ui_lang = st.session_state.get("ui_lang", "en")
    if result.warnings:
        for warning in result.warnings:
            st.warning(warning)
    if "xliff_message" in st.session_state:
        st.success(st.session_state.pop("xliff_message"))
    if result.translated:
        reused = sum(1 for p in result.pairs if p.memory is not None)
        if reused:
            st.info(t("memory_reused_one") if reused == 1 else t("memory_reused").format(count=reused))
        flagged = needs_a_look(result)
        if flagged:
            count = t("needs_look_one") if len(flagged) == 1 else t("needs_look").format(count=len(flagged))
            st.warning(f"⚠ {count}: [{t('flags')}](#needs-a-look)")
        # On a phone the reader view is shown; on a wide screen the toggle chooses.
        if st.toggle(t("reader_toggle"), key="reader_view"):
            st.markdown(reader_html(result, ui_lang, heading=t("reader")), unsafe_allow_html=True)
        else:
            reader = reader_html(result, ui_lang, css="tl-narrow-only", heading=t("reader"))
            aligned = aligned_html(result, ui_lang, t("edited"), css="tl-wide-only", heading=t("aligned"))
            st.markdown(reader + aligned, unsafe_allow_html=True)
        if editor is not None:
            editor()
    st.subheader(t("summary"))
    st.markdown(summary_html(result, ui_lang, t("edited")), unsafe_allow_html=True)
    terms_section(result, ui_lang)
    if result.translated:
        flags_section(result)
        names_section(result)
    export_section(result, ui_lang)
    st.caption(t("notice"))


def export_section(result: Result, ui_lang: str) -> None:
    st.subheader(t("export"))
    include_full = st.checkbox(t("include_full"), value=True, key="include_full")
    columns = st.columns(len(EXPORT_FORMATS))
    for column, (fmt, (_, mime)) in zip(columns, EXPORT_FORMATS.items()):
        # Made when clicked, not on every rerun: a DOCX of a long article takes a while.
        column.download_button(
            fmt.upper(),
            functools.partial(export, result, fmt, include_full=include_full, ui_lang=ui_lang),
            file_name=export_filename(result, fmt),
            mime=mime,
            key=f"download-{fmt}",
            on_click="ignore",
        )


def terms_section(result: Result, ui_lang: str) -> None:
    st.subheader(t("terms"))
    seen: dict[str, tuple] = {}
    for pair in result.pairs:
        for use in pair.terms:
            seen.setdefault(use.hit.concept_id, (use, []))[1].append(use.status)
    if not seen:
        st.caption(t("no_terms"))
        return
    for use, statuses in seen.values():
        hit = use.hit
        label = f"{hit.source_text} → {hit.target_term}"
        if "flagged" in statuses:
            label = f"⚠ {label}"
        elif set(statuses) == {"suggestion"}:
            label = f"{label} ({t('status_suggestion')})"
        with st.expander(label):
            for code, note in hit.notes:
                st.markdown(f"**{code.upper()}:** {note}")
            if result.translated:
                counts = ", ".join(f"{t('status_' + s)}: {statuses.count(s)}" for s in sorted(set(statuses)))
                st.caption(f"{t('enforcement')}: {counts}")


def flags_section(result: Result) -> None:
    """Every sentence with something a person should check, and why (the same list every export has)."""
    from translit.export import flags_in

    flagged = flags_in(result, st.session_state.get("ui_lang", "en"))
    st.subheader(t("flags"), anchor="needs-a-look")
    if not flagged:
        st.caption(t("no_flags"))
        return
    for number, what, why in flagged:
        st.markdown(f"- **[{number}.](#tl-s{number})** {escape_markdown(what)}: {escape_markdown(why)}")


def names_section(result: Result) -> None:
    """People's names in their dictionary form, as the translation writes them (in the nominative
    when it uses our transcription), with the passport spelling where there is one."""
    from translit.check import phonetic_key

    names: dict[str, tuple[str, str]] = {}
    for pair in result.pairs:
        for use in pair.protected:
            if use.hit.span == SpanKind.NAME:
                hit = use.hit
                found = use.target_text
                last = hit.target_term.split()[-1] if hit.target_term.split() else ""
                if found and last and phonetic_key(found) == phonetic_key(last):
                    found = hit.target_term  # an inflected form of our transcription: show its nominative
                names.setdefault(hit.source_form or hit.source_text, (found, hit.note("en")))
    if not names:
        return
    st.subheader(t("names"))
    for source, (target, note) in names.items():
        line = f"- {escape_markdown(source)} → {escape_markdown(target) if target else '⚠ ' + t('status_flagged')}"
        st.markdown(line + (f" ({escape_markdown(note)})" if note else ""))


def escape_markdown(text: str) -> str:
    from translit.export import markdown_escape

    return markdown_escape(text)


def sidebar(session: Session) -> None:
    translator = session.translator
    with st.sidebar:
        st.radio(
            "Interface / Интерфейс", list(i18n.UI_LANGUAGES), format_func=i18n.UI_LANGUAGES.get, key="ui_lang"
        )
        st.header(t("models"))
        st.markdown(f"**{t('installed')}:**")
        installed = translator.installed()
        if not installed:
            st.write(t("none_installed"))
        for p in installed:
            st.write(f"{p.from_code} → {p.to_code} · v{p.version}")
        pivots = [p for p in translator.pairs() if p.via]
        if pivots:
            st.caption(t("pivot_pairs"))
            for pivot in pivots:
                st.caption(f"{pivot.source} → {pivot.via} → {pivot.target}")
        install_section(session)
        download_section(session)
        my_glossary_section(session)


EXAMPLE_RENDERINGS = {
    "ru": "[собеседование] на предмет обоснованного страха",
    "uk": "[співбесіда] щодо обґрунтованого страху",
}


def my_glossary_section(session: Session) -> None:
    """The user's own glossary of a pair: add a term, or import a file; entries override the built-in ones."""
    from translit.pairs import pairs

    with st.expander(t("my_glossary")):
        shown_in = st.session_state.get("ui_lang", "en")
        codes = [pair.code for pair in pairs()]
        pair = st.selectbox(
            t("glossary_pair"), codes, key="my_glossary_pair",
            format_func=lambda code: " – ".join(language_name(lang, shown_in) for lang in code.split("-")),
        )
        other = pair.split("-")[1]
        other_name = language_name(other, shown_in)
        path = session.user_glossary(pair)
        try:
            count = len(session.user_glossary_entries(pair))
        except TranslitError as exc:
            st.error(str(exc))
            return
        st.caption(t("my_glossary_help").format(count=count, path=path))
        with st.form("add_term", clear_on_submit=True):
            example = EXAMPLE_RENDERINGS.get(other, "")
            entry = {
                "id": st.text_input(t("term_id"), placeholder="my-term"),
                "en": st.text_input(t("term_en"), placeholder="credible fear interview | CFI"),
                other: st.text_input(t("term_other").format(language=other_name), placeholder=example),
                "note_en": st.text_input(t("note_en")),
                f"note_{other}": st.text_input(t("note_other").format(language=other_name)),
                "source": st.text_input(t("term_source"), placeholder="8 CFR 208.30"),
                "tier": "3",
            }
            if st.form_submit_button(t("save_term")):
                try:
                    session.add_user_term(entry, pair)
                except TranslitError as exc:
                    st.error(str(exc))
                else:
                    st.success(t("term_saved"))
        upload = st.file_uploader(t("import_glossary"), type=["tsv"], key="glossary_upload")
        if upload is not None and st.session_state.get("imported_glossary") != upload.file_id:
            st.session_state["imported_glossary"] = upload.file_id
            try:
                added = session.import_user_glossary(upload.getvalue(), upload.name, pair)
            except TranslitError as exc:
                st.error(str(exc))
            else:
                st.success(t("glossary_imported").format(count=added))


def download_section(session: Session) -> None:
    """Download a package from the Argos index: the only place the app goes online, and only on request."""
    with st.expander(t("download_model")):
        st.caption(t("download_help"))
        left, right = st.columns(2)
        source = left.text_input(t("from_code"), value="en", key="download_from")
        target = right.text_input(t("to_code"), value="ru", key="download_to")
        if not st.button(t("download"), key="download_model"):
            return
        bar = st.progress(0.0, text=t("downloading"))

        def progress(done: int, total: int | None) -> None:
            if total:
                bar.progress(min(done / total, 1.0), text=f"{t('downloading')}: {done / 1e6:.0f}/{total / 1e6:.0f} MB")

        try:
            package = session.download_model(source.strip(), target.strip(), progress=progress)
        except TranslitError as exc:
            bar.empty()
            st.error(str(exc))
            return
        bar.empty()
        st.success(f"{t('installed_ok')}: {package.from_code} → {package.to_code} v{package.version}")


def install_section(session: Session) -> None:
    """Install a .argosmodel the user uploads: validated, then moved into place in one step."""
    upload = st.file_uploader(t("install_model"), type=["argosmodel"], key="model_upload")
    if upload is None or st.session_state.get("installed_upload") == upload.file_id:
        return
    st.session_state["installed_upload"] = upload.file_id
    try:
        package = session.install_model_bytes(upload.getvalue(), upload.name)
    except TranslitError as exc:
        st.error(str(exc))
        return
    st.success(f"{t('installed_ok')}: {package.from_code} → {package.to_code} v{package.version}")


def main() -> None:
    session = get_session()
    settings = session.settings
    translator = session.translator
    sidebar(session)
    st.title(t("title"))
    st.caption(t("tagline"))
    text = input_section(settings)
    if not text.strip():
        st.info(t("empty"))
        return
    if len(text) > settings.max_article_chars:
        raise TranslitError(
            f"The article has {len(text):,} characters; the limit is {settings.max_article_chars:,}. "
            "Split it into parts and translate them one by one."
        )
    document = article_document(text)
    source, target, given = language_section(document, translator)
    summary_n = st.slider(t("summary_len"), 1, 10, 3, key="summary_n")
    summary_options = Options(summary_sentences=summary_n)
    options = Options(
        source_lang=source, target_lang=target, summary_sentences=None, glossary_paths=session.glossary_paths()
    )
    result_key = repr((hashlib.sha256(text.encode()).hexdigest(), options, hashlib.sha256(given.encode()).hexdigest()))
    if target and st.button(t("use_translation") if given else t("translate"), type="primary"):
        st.session_state["result_key"] = result_key
    if target and st.session_state.get("result_key") == result_key:
        machine = translate(session, document, options, given)
        result = with_summary(apply_edits(machine, saved_edits(machine, result_key), options), summary_options)
        remember_edits(session, result, result_key)
        result_section(result, lambda: edit_section(session, machine, result, result_key))
    else:
        result = run(document, replace(options, target_lang=None, summary_sentences=summary_n))
        result_section(result)


try:
    main()
except TranslitError as exc:
    st.error(str(exc))
except Exception:  # noqa: BLE001 - the page must never show a traceback
    st.error(i18n.text("error", st.session_state.get("ui_lang", "en")))
