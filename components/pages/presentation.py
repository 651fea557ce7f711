"""Presentation mode: one chart per screen in large type, in the view the sidebar built."""

from components import presentation
from components.view import current_view

presentation.show(current_view())
