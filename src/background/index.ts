// Service worker entry (capture is being built in this file's siblings).
(globalThis as { __corsInspectorReady?: boolean }).__corsInspectorReady = true;
