"""Interface strings in English and Russian."""

from __future__ import annotations

UI_LANGUAGES = {"en": "English", "ru": "Русский"}

STRINGS: dict[str, dict[str, str]] = {
    "title": {"en": "translit — offline article translation", "ru": "translit — офлайн-перевод статей"},
    "tagline": {
        "en": "Translate and summarize news articles on your own computer. A legal glossary keeps "
        "immigration terms right. Machine translation, not legal advice.",
        "ru": "Перевод и краткое изложение статей на вашем компьютере, без интернета. Юридический глоссарий "
        "следит за иммиграционными терминами. Это машинный перевод, а не юридическая консультация.",
    },
    "input": {"en": "Article", "ru": "Статья"},
    "paste": {"en": "Paste text", "ru": "Вставить текст"},
    "upload": {"en": "Upload a file", "ru": "Загрузить файл"},
    "sample": {"en": "Sample article", "ru": "Пример статьи"},
    "url": {"en": "Web link", "ru": "Ссылка"},
    "url_field": {"en": "Address of the article (http or https)", "ru": "Адрес статьи (http или https)"},
    "fetch": {"en": "Fetch the article", "ru": "Загрузить статью"},
    "fetching": {"en": "Fetching the article…", "ru": "Загружаем статью…"},
    "upload_limit": {
        "en": "Text, Markdown, HTML, Word (.docx) or PDF, up to {mb:.0f} MB.",
        "ru": "Текст, Markdown, HTML, Word (.docx) или PDF, до {mb:.0f} МБ.",
    },
    "download_model": {"en": "Download a model from the Argos index", "ru": "Скачать модель из каталога Argos"},
    "download_help": {
        "en": "Needs an internet connection; nothing else in translit goes online. Packages are 50-400 MB.",
        "ru": "Нужен интернет; больше ничто в translit в сеть не выходит. Пакеты весят 50–400 МБ.",
    },
    "from_code": {"en": "From (language code)", "ru": "С языка (код)"},
    "to_code": {"en": "To (language code)", "ru": "На язык (код)"},
    "download": {"en": "Download and install", "ru": "Скачать и установить"},
    "downloading": {"en": "Downloading", "ru": "Загрузка"},
    "article_text": {"en": "Article text", "ru": "Текст статьи"},
    "choose_sample": {"en": "Choose a sample", "ru": "Выберите пример"},
    "choose_file": {"en": "A text file", "ru": "Текстовый файл"},
    "empty": {
        "en": "Paste an article, upload a file or pick a sample to begin.",
        "ru": "Вставьте статью, загрузите файл или выберите пример.",
    },
    "detected": {"en": "Detected language", "ru": "Язык статьи"},
    "confidence": {"en": "confidence", "ru": "уверенность"},
    "unknown_lang": {
        "en": "Could not tell the language. Choose it in the selector.",
        "ru": "Не удалось определить язык. Выберите его в списке.",
    },
    "source_lang": {"en": "Source language", "ru": "Язык оригинала"},
    "auto": {"en": "detect automatically", "ru": "определить автоматически"},
    "target_lang": {"en": "Translate into", "ru": "Перевести на"},
    "via": {"en": "via", "ru": "через"},
    "translate": {"en": "Translate", "ru": "Перевести"},
    "translating": {"en": "Translating", "ru": "Перевод"},
    "sentences": {"en": "sentences", "ru": "предложений"},
    "no_models": {
        "en": "No translation models are installed. You can still read the detected language, the sentences, "
        "the glossary terms and the summary. To translate, install an Argos Translate package "
        "(a .argosmodel file) in the Models panel in the sidebar, or run `translit models install FILE`.",
        "ru": "Модели перевода не установлены. Язык, предложения, термины и краткое изложение доступны и без них. "
        "Чтобы переводить, установите пакет Argos Translate (файл .argosmodel) на панели «Модели» "
        "слева или командой `translit models install FILE`.",
    },
    "no_pair": {
        "en": "No installed model translates from this language. Install an Argos package for it "
        "(Models panel in the sidebar).",
        "ru": "Нет установленной модели для перевода с этого языка. Установите пакет Argos "
        "(панель «Модели» слева).",
    },
    "aligned": {"en": "Side by side", "ru": "Параллельный текст"},
    "reader": {"en": "Reader view", "ru": "Для чтения"},
    "reader_toggle": {"en": "Reader view (the translation as running text)",
                      "ru": "Режим чтения (перевод сплошным текстом)"},
    "legend_term": {"en": "legal term", "ru": "юридический термин"},
    "legend_suggestion": {"en": "possible term: check the note", "ru": "возможный термин: см. пояснение"},
    "legend_flag": {"en": "check this sentence", "ru": "проверьте предложение"},
    "legend_tap": {"en": "Tap a sentence to see the original.",
                   "ru": "Нажмите на предложение, чтобы увидеть оригинал."},
    "edit": {"en": "Edit the translation", "ru": "Редактировать перевод"},
    "edit_help": {
        "en": "Change any sentence in the right column. Edits are marked as human-edited, checked like the "
        "machine's sentences, and go into the summary and every export.",
        "ru": "Исправьте любое предложение в правой колонке. Правки помечаются как правки человека, "
        "проверяются, как и машинный перевод, и попадают в краткое изложение и все файлы.",
    },
    "edited": {"en": "edited", "ru": "правка"},
    "source_col": {"en": "Source", "ru": "Оригинал"},
    "target_col": {"en": "Translation", "ru": "Перевод"},
    "summary": {"en": "Summary", "ru": "Краткое изложение"},
    "summary_len": {"en": "Sentences in the summary", "ru": "Предложений в изложении"},
    "terms": {"en": "Terms in this article", "ru": "Термины в статье"},
    "names": {"en": "Names in this article", "ru": "Имена в статье"},
    "no_terms": {"en": "No glossary terms found.", "ru": "Термины глоссария не найдены."},
    "export": {"en": "Download", "ru": "Скачать"},
    # labels of the exported files
    "full": {"en": "Full translation", "ru": "Полный перевод"},
    "full_source": {"en": "Full text", "ru": "Полный текст"},
    "not_translated": {
        "en": "Not translated: the source text only.",
        "ru": "Не переведено: только исходный текст.",
    },
    "edited_note": {
        "en": "Sentences marked ({mark}) were corrected by a person after machine translation.",
        "ru": "Предложения с пометкой ({mark}) исправлены человеком после машинного перевода.",
    },
    "glossary": {"en": "Glossary", "ru": "Глоссарий"},
    "include_full": {"en": "Include the full translation", "ru": "Включить полный перевод"},
    "enforcement": {"en": "in the translation", "ru": "в переводе"},
    "status_present": {"en": "already in the translation", "ru": "уже был в переводе"},
    "status_forced": {"en": "enforced while translating", "ru": "подставлен при переводе"},
    "status_repaired": {"en": "wrong rendering corrected", "ru": "неверный вариант исправлен"},
    "status_flagged": {"en": "check: not in the translation", "ru": "проверьте: нет в переводе"},
    "status_suggestion": {"en": "suggestion: the legal sense is not certain here",
                          "ru": "подсказка: юридический смысл здесь не очевиден"},
    "status_found": {"en": "found", "ru": "найден"},
    "flags": {"en": "Check these sentences", "ru": "Проверьте эти предложения"},
    "qa_repetition": {
        "en": "the model repeated itself here and was asked again with a repetition penalty; check this sentence",
        "ru": "модель здесь зациклилась и перевела заново со штрафом за повторы; проверьте это предложение",
    },
    "qa_length_limit": {
        "en": "the model's output reached its length limit, so the sentence was translated again in two parts; "
              "check it",
        "ru": "перевод упёрся в предел длины, поэтому предложение переведено заново двумя частями; проверьте его",
    },
    "flag_not_placed": {
        "en": "the model could not place this term in the sentence; check the translation of it",
        "ru": "модель не смогла поставить этот термин в предложение; проверьте, как он переведён",
    },
    "flag_too_long": {
        "en": "the sentence is too long for the model to force terms; check the translation of this term",
        "ru": "предложение слишком длинное, чтобы модель подставила термин; проверьте, как он переведён",
    },
    "flag_pivot": {
        "en": "translated through English, so the term could not be forced; check the translation of it",
        "ru": "перевод шёл через английский, поэтому термин не подставлен; проверьте, как он переведён",
    },
    "flag_given": {
        "en": "not in the given translation; check whether it renders this term",
        "ru": "в предоставленном переводе этого термина нет; проверьте, как он передан",
    },
    "flag_backend": {
        "en": "not in the translation, and this backend does not force terms; check the translation of it",
        "ru": "в переводе этого термина нет, а эта система перевода не подставляет термины; проверьте перевод",
    },
    "flag_number": {
        "en": "the value {value} is not in the translation; check the numbers of this sentence",
        "ru": "числа {value} нет в переводе; проверьте числа в этом предложении",
    },
    "flag_name": {
        "en": "this name is not in the translation, in any spelling; check it",
        "ru": "этого имени нет в переводе ни в каком написании; проверьте",
    },
    "flag_edited": {
        "en": "not in the edited sentence; check the edit",
        "ru": "в исправленном предложении этого нет; проверьте правку",
    },
    "flag_memory": {
        "en": "not in the translation taken from the memory; check it",
        "ru": "в переводе из памяти этого нет; проверьте его",
    },
    "check_untranslated": {
        "en": "this sentence looks untranslated: it is still in the source language",
        "ru": "похоже, предложение не переведено: оно осталось на языке оригинала",
    },
    "check_repeated": {
        "en": "“{value}” is repeated, and the source does not repeat it (a slip, or a model stuck in a loop)",
        "ru": "«{value}» повторяется, а в оригинале повтора нет (опечатка или зациклившаяся модель)",
    },
    "check_truncated": {
        "en": "much shorter than its source ({value} characters): part of it may be missing",
        "ru": "гораздо короче оригинала ({value} знаков): часть могла пропасть",
    },
    "check_brackets": {
        "en": "the bracket or quotation mark {value} has no pair here, unlike in the source",
        "ru": "у скобки или кавычки {value} здесь нет пары, в отличие от оригинала",
    },
    "check_extra_number": {
        "en": "the number {value} is not in the source; check it",
        "ru": "числа {value} нет в оригинале; проверьте его",
    },
    "check_name_spelling": {
        "en": "the name is written {value} elsewhere in the article; check the spelling",
        "ru": "в других местах статьи имя написано так: {value}; проверьте написание",
    },
    "paragraph_languages": {"en": "Language of each paragraph", "ru": "Язык каждого абзаца"},
    "unknown_short": {"en": "not sure", "ru": "не ясно"},
    "needs_look": {"en": "{count} sentences need a look", "ru": "Предложений, которые стоит проверить: {count}"},
    "needs_look_one": {"en": "1 sentence needs a look", "ru": "Одно предложение стоит проверить"},
    "from_memory": {"en": "from memory", "ru": "из памяти"},
    "memory_note": {
        "en": "Sentences marked ({mark}) were translated by a person earlier and taken from the translation memory.",
        "ru": "Предложения с пометкой ({mark}) переведены человеком раньше и взяты из памяти переводов.",
    },
    "memory_reused_one": {
        "en": "1 sentence was taken from your translation memory (a person's earlier translation).",
        "ru": "Одно предложение взято из вашей памяти переводов (прежний перевод человека).",
    },
    "memory_reused": {
        "en": "{count} sentences were taken from your translation memory (a person's earlier translation).",
        "ru": "Предложений из вашей памяти переводов (прежний перевод человека): {count}.",
    },
    "memory_suggestions": {"en": "Similar sentences in your memory", "ru": "Похожие предложения в вашей памяти"},
    "memory_use": {"en": "Use this translation", "ru": "Взять этот перевод"},
    "memory_match": {"en": "{score} % match", "ru": "совпадение {score} %"},
    "memory_saved": {
        "en": "Edits are kept in your translation memory ({path}) and reused when a sentence comes back.",
        "ru": "Правки сохраняются в вашей памяти переводов ({path}) и подставляются, когда предложение "
              "встретится снова.",
    },
    "import_xliff": {"en": "Import an XLIFF edited in a CAT tool",
                     "ru": "Загрузить XLIFF, исправленный в CAT-программе"},
    "xliff_imported": {"en": "{count} edits taken from the XLIFF file.", "ru": "Правок из XLIFF-файла: {count}."},
    "no_flags": {"en": "Nothing to check: every term, name and number was found in the translation.",
                 "ru": "Проверять нечего: все термины, имена и числа нашлись в переводе."},
    "have_translation": {"en": "I already have a translation", "ru": "У меня уже есть перевод"},
    "have_translation_help": {
        "en": "Paste it below, line by line: line 1 translates line 1 of the article, and so on. translit "
              "checks its terms, names and numbers, aligns it and makes the summary and files; it changes "
              "nothing except a listed wrong rendering of a term the article uses.",
        "ru": "Вставьте его ниже построчно: строка 1 — перевод строки 1 статьи и т. д. translit проверит "
              "термины, имена и числа, выровняет текст и подготовит краткое изложение и файлы; он ничего не "
              "меняет, кроме указанных в глоссарии неверных вариантов терминов статьи.",
    },
    "translation_text": {"en": "The translation", "ru": "Перевод"},
    "translation_lang": {"en": "Language of the translation", "ru": "Язык перевода"},
    "use_translation": {"en": "Check this translation", "ru": "Проверить перевод"},
    "given": {"en": "translation supplied by the user", "ru": "перевод предоставлен пользователем"},
    "models": {"en": "Models", "ru": "Модели"},
    "install_model": {"en": "Install a model (.argosmodel file)", "ru": "Установить модель (файл .argosmodel)"},
    "pivot_pairs": {"en": "Also available through English:", "ru": "Также доступно через английский:"},
    "my_glossary": {"en": "My glossary", "ru": "Мой глоссарий"},
    "my_glossary_help": {
        "en": "{count} entries in {path}. Your entries override the built-in glossary.",
        "ru": "Записей: {count}, файл {path}. Ваши записи важнее встроенного глоссария.",
    },
    "term_id": {"en": "Id (lowercase, hyphens)", "ru": "Идентификатор (латиница, дефисы)"},
    "term_en": {"en": "English term (variants after |)", "ru": "Английский термин (варианты через |)"},
    "term_other": {
        "en": "{language} rendering ([brackets] around the words that decline)",
        "ru": "Перевод на {language} ([скобки] вокруг склоняемых слов)",
    },
    "note_en": {"en": "Plain explanation in English", "ru": "Пояснение по-английски"},
    "note_other": {"en": "Plain explanation in {language}", "ru": "Пояснение на языке: {language}"},
    "glossary_pair": {"en": "Languages of the glossary", "ru": "Языки глоссария"},
    "term_source": {"en": "Source", "ru": "Источник"},
    "save_term": {"en": "Save to my glossary", "ru": "Сохранить в мой глоссарий"},
    "term_saved": {"en": "Saved.", "ru": "Сохранено."},
    "import_glossary": {"en": "Import a glossary file (.tsv)", "ru": "Импорт глоссария (.tsv)"},
    "glossary_imported": {"en": "Imported {count} entries.", "ru": "Импортировано записей: {count}."},
    "installed_ok": {"en": "Installed", "ru": "Установлено"},
    "installed": {"en": "Installed translation packages", "ru": "Установленные пакеты перевода"},
    "none_installed": {"en": "none yet", "ru": "пока нет"},
    "mixed": {
        "en": "Paragraphs of this article are in different languages",
        "ru": "Абзацы статьи написаны на разных языках",
    },
    "error": {
        "en": "Something went wrong. Nothing was lost; try again, and if it repeats, report it with the "
        "article that caused it.",
        "ru": "Что-то пошло не так. Ничего не потеряно; попробуйте ещё раз, а если ошибка повторится, "
        "сообщите о ней вместе со статьёй.",
    },
    "notice": {
        "en": "Machine translation, not legal advice. Check important details with a lawyer.",
        "ru": "Машинный перевод, не юридическая консультация. Важные детали проверьте у юриста.",
    },
}


def flag_reason(use, lang: str = "en") -> str:
    """Why a term or span was flagged, in the interface language (a TermUse with a flag code)."""
    if not use.flag:
        return use.reason
    return text(f"flag_{use.flag}", lang).format(value=use.flag_value)


def flag(code: str, value: str = "") -> str:
    """The English reason of a flag, as stored on the TermUse and given in JSON."""
    return text(f"flag_{code}", "en").format(value=value)


def text(key: str, lang: str = "en") -> str:
    entry = STRINGS[key]
    return entry.get(lang) or entry["en"]
