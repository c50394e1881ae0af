"""Names vulture reports as unused that are used, each with the reason (read by
tests/test_dead_code.py; this file is never imported)."""

# ruff: noqa: B018, F821
# Callbacks a framework calls by name, never our code:
_.handle_starttag  # html.parser.HTMLParser (validate_html5, quiz/html_text)
_.handle_endtag  # html.parser.HTMLParser
_.handle_data  # html.parser.HTMLParser
_.paint  # QGraphicsItem.paint, called by Qt's scene
_.dragEnterEvent  # QWidget drag and drop, called by Qt
_.mouseDoubleClickEvent  # QWidget, called by Qt
_.dragMoveEvent
_.dropEvent
_.columnCount  # QAbstractItemModel's interface, called by the views
_.headerData
_.flags
_.supportedDropActions
_.supportedDragActions
_.mimeTypes
_.canDropMimeData
_.dropMimeData
_.javaScriptConsoleMessage  # QWebEnginePage: the page's console lines (the learner preview)
_.valueFromText  # QAbstractSpinBox, called by Qt when it reads the typed text
_.eventFilter  # QObject.installEventFilter: Qt calls it for each event of the watched widget
# Attributes set for a library to read:
_.create_system  # zipfile.ZipInfo: the host system written into the zip (deterministic zips)
_.pix_fmt  # PyAV codec contexts (posters, filmstrips)
_.global_quality  # PyAV codec context: the JPEG quantiser of filmstrips and posters
_.skip_frame  # PyAV codec context: decode keyframes only
_.thread_type  # PyAV stream: the preview's frame decoder uses frame threads
_.freeze_panes  # openpyxl worksheet: the question template keeps its header row in view
_.number_format  # openpyxl column: the template's answer columns hold text as typed
_.alignment  # openpyxl cell: the template's "How to fill" text wraps
# Registered by decorator: sqlite-utils' migrations call them
_.stamped
_._initial
_._translations
_._build_map
# A field the loader fills and the deck import writes (the notes as a WebVTT transcript); the
# player does not offer transcripts yet
_.transcript_asset_id
# LMS profile switches: read by name through dataclasses.fields() (the profile loader, the
# player's configuration in course-data.js, `studio lms show`) and by the player and the twin
_.status_pair
_.score_before_status
_.commit_on_status_change
_.commit_on_every_change
_.commit_every_seconds
_.commit_on_hide
_.commit_min_interval_seconds
_.exit_incomplete
_.exit_complete
_.completed_when_failed
_.unique_interaction_ids
_.response_limit
_.suspend_data_limit
_.compress_suspend_data
_.lesson_mode_missing_is_normal
_.always_score_max
_.finish_on_exit
_.finish_when_complete
_.unload_commit
_.lesson_mode
_.supports_interactions
_.supports_objectives
_.honours_sequencing
_.scorm2004_editions
_.failed_is_final
_.complete_on_launch
_.needs_score_max
_.needs_finish
_.min_commit_interval_seconds
_.identifier_visible_chars
_.first_score_only
_.refused_files
# The LMS twin's web server and Qt page: the frameworks call these by name
_.log_message  # http.server: called for each request (the twin logs nothing)
_.do_POST  # http.server: one method per HTTP verb, for routes added with add_route
_.do_PUT
_.do_DELETE
_.do_OPTIONS
_.daemon_threads  # socketserver.ThreadingMixIn reads it: request threads never block exit
_.createWindow  # QWebEnginePage: called by Qt for window.open (the new-window launch)
_._app  # the QGuiApplication the Qt engine made, held so Qt is not torn down under it
# Voice engines' shared interface (studio.media.voices.engine.Engine): every engine takes them
_.voice_file  # only piper reads a voice file
_.accepts_phonemes  # read by the faces (studio voices --json) and the narration panel
# Language facts the export room reads for each language's package (html dir, the picker)
_.text_direction
# Attributes the local LRS sets for a library that reads them (studio.xray.lrs_app)
_.default_operation_type  # Ralph's filesystem backend: how a write opens its file
_.should_exit  # uvicorn.Server: its serve loop ends when set
# PyAV codec and frame fields the smart cut sets for libx264 to read
_.framerate  # the encoder's frame rate, written into the stream's timing
_.pict_type  # NONE: let x264 choose the picture type of a decoded frame
