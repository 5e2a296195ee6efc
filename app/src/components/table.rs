//! The DSFR table: its wrappers, a caption (shown, or kept for screen readers only) and the
//! column headers, around the rows a page renders; its scrolling container is reachable by
//! keyboard.

use leptos::prelude::*;

use crate::i18n::{use_i18n, Msg};

#[component]
pub fn DataTable(
    caption: Msg,
    /// The column headers, in order.
    columns: Vec<Msg>,
    /// The caption is read by screen readers only (the page's heading already says it).
    #[prop(optional)]
    hidden_caption: bool,
    /// Extra classes of the outer block (e.g. one that lets a wide table scroll on a phone).
    #[prop(optional)]
    class: &'static str,
    children: Children,
) -> impl IntoView {
    let i18n = use_i18n();
    let classes = ["fr-table", if hidden_caption { "fr-table--no-caption" } else { "" }, class]
        .into_iter()
        .filter(|c| !c.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    let label = i18n.t(caption);
    // A table wider than a phone scrolls sideways in its container: the container takes the
    // keyboard focus (and names itself) so that keyboard users can scroll it even when the
    // rows hold no link (WCAG 2.1.1; axe `scrollable-region-focusable`).
    view! {
        <div class=classes>
            <div class="fr-table__wrapper"><div class="fr-table__container" tabindex="0" role="region" aria-label=label><div class="fr-table__content">
                <table>
                    <caption>{label}</caption>
                    <thead>
                        <tr>{columns.into_iter().map(|c| view! { <th scope="col">{i18n.t(c)}</th> }).collect_view()}</tr>
                    </thead>
                    <tbody>{children()}</tbody>
                </table>
            </div></div></div>
        </div>
    }
}
