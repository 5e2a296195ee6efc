//! The address search of the personal step: an accessible combobox (WAI-ARIA 1.2 pattern) over
//! the national address base. Picking a suggestion fills the address fields, which stay
//! editable; when the base cannot answer, the page says so and the manual fields remain.

use leptos::prelude::*;

use super::fields::input_id;
use super::{search_address, AddressSuggestion};
use crate::domain::catalogue::model::AddressFields;
use crate::domain::catalogue::{Answers, Field};
#[cfg(feature = "hydrate")]
use crate::error::AppError;
use crate::i18n::{use_i18n, Msg};

/// Waiting for a pause in the typing saves the base (and the applicant's data plan) a request
/// per key.
#[cfg(feature = "hydrate")]
const DEBOUNCE_MS: u32 = 250;

#[component]
pub fn AddressSearch(field: &'static Field, targets: AddressFields, answers: RwSignal<Answers>) -> impl IntoView {
    let i18n = use_i18n();
    let lang = i18n.lang();
    let id = input_id(field.id);
    let list_id = format!("{id}-list");
    let hint_id = format!("{id}-hint");
    let query = RwSignal::new(String::new());
    let suggestions = RwSignal::new(Vec::<AddressSuggestion>::new());
    let active = RwSignal::new(None::<usize>);
    let announcement = RwSignal::new(String::new());
    let unavailable = RwSignal::new(false);
    // Answers to an older query are dropped.
    let latest = StoredValue::new(0u32);

    let choose = move |suggestion: AddressSuggestion| {
        answers.update(|a| {
            a.set(targets.street, suggestion.street.clone());
            a.set(targets.postal_code, suggestion.postal_code.clone());
            a.set(targets.city, suggestion.city.clone());
            a.set(targets.insee_code, suggestion.insee_code.clone());
        });
        query.set(suggestion.label.clone());
        suggestions.set(Vec::new());
        active.set(None);
        announcement.set(i18n.fill(Msg::AddressChosen, &[("address", &suggestion.label)]));
    };

    let on_input = move |ev: leptos::ev::Event| {
        let text = event_target_value(&ev);
        query.set(text.clone());
        latest.update_value(|n| *n += 1);
        let ticket = latest.get_value();
        #[cfg(feature = "hydrate")]
        leptos::task::spawn_local(async move {
            gloo_timers::future::TimeoutFuture::new(DEBOUNCE_MS).await;
            if latest.get_value() != ticket {
                return;
            }
            let result = search_address(text).await;
            if latest.get_value() != ticket {
                return;
            }
            match result {
                Ok(found) => {
                    unavailable.set(false);
                    announcement.set(i18n.fill(Msg::AddressSuggestions, &[("count", &found.len().to_string())]));
                    active.set(None);
                    suggestions.set(found);
                }
                Err(AppError::Unavailable | AppError::Network(_)) => {
                    suggestions.set(Vec::new());
                    unavailable.set(true);
                }
                Err(_) => suggestions.set(Vec::new()),
            }
        });
        #[cfg(not(feature = "hydrate"))]
        let _ = (ticket, text, search_address);
    };

    let on_keydown = move |ev: leptos::ev::KeyboardEvent| {
        let count = suggestions.with(Vec::len);
        match ev.key().as_str() {
            "ArrowDown" if count > 0 => {
                ev.prevent_default();
                active.update(|a| *a = Some(a.map_or(0, |i| (i + 1) % count)));
            }
            "ArrowUp" if count > 0 => {
                ev.prevent_default();
                active.update(|a| *a = Some(a.map_or(count - 1, |i| (i + count - 1) % count)));
            }
            "Enter" => {
                if let Some(chosen) = active.get_untracked().and_then(|i| suggestions.with_untracked(|s| s.get(i).cloned())) {
                    ev.prevent_default();
                    choose(chosen);
                }
            }
            "Escape" => {
                suggestions.set(Vec::new());
                active.set(None);
            }
            _ => {}
        }
    };

    let option_id = {
        let id = id.clone();
        move |i: usize| format!("{id}-option-{i}")
    };
    let active_descendant = {
        let option_id = option_id.clone();
        move || active.get().map(&option_id)
    };
    view! {
        <div class="fr-input-group address-search">
            <label class="fr-label" for=id.clone()>
                {field.label.get(lang)}
                {field.hint.map(|h| view! { <span class="fr-hint-text" id=hint_id.clone()>{h.get(lang)}</span> })}
            </label>
            <input
                class="fr-input"
                type="text"
                id=id.clone()
                role="combobox"
                autocomplete="off"
                aria-autocomplete="list"
                aria-controls=list_id.clone()
                aria-expanded=move || suggestions.with(|s| !s.is_empty()).to_string()
                aria-activedescendant=active_descendant
                aria-describedby=hint_id.clone()
                prop:value=move || query.get()
                on:input=on_input
                on:keydown=on_keydown
            />
            <ul id=list_id class="address-search__list" role="listbox" aria-label=field.label.get(lang)
                hidden=move || suggestions.with(Vec::is_empty)>
                {move || suggestions.get().into_iter().enumerate().map(|(i, suggestion)| {
                    let label = suggestion.label.clone();
                    view! {
                        <li role="option" id=option_id(i) aria-selected=move || (active.get() == Some(i)).to_string()
                            class:address-search__option--active=move || active.get() == Some(i)
                            on:mousedown=move |ev| {
                                // Before the input loses the focus.
                                ev.prevent_default();
                                choose(suggestion.clone());
                            }>
                            {label}
                        </li>
                    }
                }).collect_view()}
            </ul>
            <Show when=move || unavailable.get()>
                <p class="fr-info-text">{i18n.t(Msg::AddressUnavailable)}</p>
            </Show>
            <p class="fr-sr-only" role="status" aria-live="polite">{move || announcement.get()}</p>
            <p class="fr-text--xs fr-mt-1w">{i18n.t(Msg::AddressOverseas)}</p>
        </div>
    }
}
