//! DSFR accordion driven by a signal (the DSFR JavaScript is not shipped).

use leptos::prelude::*;

#[component]
pub fn Accordion(
    #[prop(into)] id: String,
    #[prop(into)] title: String,
    #[prop(optional)] open: Option<RwSignal<bool>>,
    children: Children,
) -> impl IntoView {
    let open = open.unwrap_or_else(|| RwSignal::new(false));
    let panel_id = format!("{id}-panel");
    view! {
        <section class="fr-accordion">
            <h3 class="fr-accordion__title">
                <button
                    class="fr-accordion__btn"
                    type="button"
                    id=id
                    aria-expanded=move || open.get().to_string()
                    aria-controls=panel_id.clone()
                    on:click=move |_| open.update(|o| *o = !*o)
                >
                    {title}
                </button>
            </h3>
            <div class="fr-collapse" class:fr-collapse--expanded=move || open.get() id=panel_id>
                {children()}
            </div>
        </section>
    }
}
