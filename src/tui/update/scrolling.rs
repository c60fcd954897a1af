//! Reading a long view (a page, a transcript, the brief preview): it scrolls through all
//! its lines, by line, by screen, by section and by the wheel, and the selection follows
//! what comes into view: an item is selected when it is on screen, never by jumping the
//! view past text.

use crate::tui::action::Action;

/// Lines the wheel moves a view by.
pub(super) const WHEEL_LINES: usize = 3;

/// A view laid out as lines, as it is drawn at the app's size.
pub(super) struct Lines<'a> {
    /// How many lines there are in all.
    pub total: usize,
    /// How many show at once.
    pub height: usize,
    /// The first line of each selectable item, in order.
    pub items: &'a [usize],
    /// The line of each section heading, for `[` and `]`.
    pub headings: &'a [usize],
}

/// Where a view is: its first line in view and its selected item.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct At {
    pub top: usize,
    pub selected: usize,
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Way {
    Up,
    Down,
}

impl Lines<'_> {
    fn max(&self) -> usize {
        self.total.saturating_sub(self.height)
    }

    fn visible(&self, line: usize, top: usize) -> bool {
        line >= top && line < top + self.height
    }

    /// Moves the view (and the selection with it) for a movement key, the wheel or a
    /// section key. `select`: whether `j`/`k`/`g`/`G` are the view's (they go to the next
    /// item already in view, or else scroll a line); without it they are left to the
    /// caller. `None` when the action is not the view's.
    pub(super) fn scroll(&self, at: At, action: &Action, select: bool) -> Option<At> {
        let max = self.max();
        let top = at.top.min(max);
        let item_visible = |i: usize| self.items.get(i).is_some_and(|&l| self.visible(l, top));
        let selected_visible = item_visible(at.selected);
        let screen = self.height.saturating_sub(1).max(1);
        let (to, way) = match action {
            Action::Down if select => {
                let next = at.selected + 1;
                if selected_visible && item_visible(next) {
                    return Some(At {
                        top,
                        selected: next,
                    });
                }
                (top + 1, Way::Down)
            }
            Action::Up if select => {
                if selected_visible
                    && let Some(previous) = at.selected.checked_sub(1)
                    && item_visible(previous)
                {
                    return Some(At {
                        top,
                        selected: previous,
                    });
                }
                (top.saturating_sub(1), Way::Up)
            }
            Action::Top if select => {
                return Some(At {
                    top: 0,
                    selected: 0,
                });
            }
            Action::Bottom if select => {
                let last = self.items.len().saturating_sub(1);
                let top = max;
                return Some(At {
                    top,
                    selected: self.follow(last, top, Some(Way::Down)),
                });
            }
            Action::PageDown => (top + screen, Way::Down),
            Action::PageUp => (top.saturating_sub(screen), Way::Up),
            Action::WheelDown => (top + WHEEL_LINES, Way::Down),
            Action::WheelUp => (top.saturating_sub(WHEEL_LINES), Way::Up),
            Action::NextSection => {
                let next = self.headings.iter().copied().find(|&h| h > top);
                (next.unwrap_or(max), Way::Down)
            }
            Action::PrevSection => {
                let previous = self.headings.iter().copied().rev().find(|&h| h < top);
                (previous.unwrap_or(0), Way::Up)
            }
            _ => return None,
        };
        let top = to.min(max);
        let selected = if select {
            self.follow(at.selected, top, Some(way))
        } else {
            at.selected
        };
        Some(At { top, selected })
    }

    /// The selection after the view moved to `top`: the selected item stays selected
    /// while it shows; otherwise the first item in view (moving down) or the last (moving
    /// up). Moving down, the item after the selected one is taken as soon as it comes into
    /// view. Without a way (the view did not move), only a selection out of view changes.
    pub(super) fn follow(&self, selected: usize, top: usize, way: Option<Way>) -> usize {
        let visible = |line: usize| self.visible(line, top);
        let next = selected + 1;
        if way == Some(Way::Down) && self.items.get(next).is_some_and(|&l| visible(l)) {
            return next;
        }
        if self.items.get(selected).is_some_and(|&l| visible(l)) {
            return selected;
        }
        let mut shown = self.items.iter().enumerate().filter(|(_, l)| visible(**l));
        let pick = match way {
            Some(Way::Up) => shown.next_back(),
            _ => shown.next(),
        };
        pick.map_or(selected, |(index, _)| index)
    }
}
