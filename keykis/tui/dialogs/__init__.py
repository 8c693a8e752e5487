"""The dialogs about a document's file: changed on disk (``changed``), changes left by a crash (``recover``).

The autosave opens them; they know nothing of the screens that edit.
"""
