"""The local web page for staff (``faa-flere serve``)."""
