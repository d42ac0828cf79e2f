"""Rendering: HTML from the sandboxed Jinja templates, and layout through WeasyPrint.

:mod:`.jinja` builds the HTML, :mod:`.weasy` is the only module touching WeasyPrint,
:mod:`.fit` checks that text fits and steps fonts down, :mod:`.cache` keeps layouts
for whoever owns one.
"""
