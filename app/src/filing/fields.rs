//! One catalogue field rendered as a DSFR input. The field's kind decides the control; its
//! condition decides whether it is shown; its error comes from the shared validation.

use leptos::prelude::*;

use crate::components::forms::FormErrors;
use crate::domain::catalogue::answers::{format_euros, holds, item_count, item_key, parse_euros};
use crate::domain::catalogue::model::Group;
use crate::domain::catalogue::{Answers, ApplicantContext, Field, FieldKind};
use crate::domain::countries::COUNTRIES;
use crate::i18n::{use_i18n, Msg};

/// The id of a field's input, also the target of the error summary's links.
pub fn input_id(field: &str) -> String {
    format!("f-{field}")
}

/// An amount in cents as typed back into the input ("615" or "615,50").
fn euros_for_input(cents: &str) -> String {
    match cents.parse::<i64>() {
        Ok(cents) => format_euros(cents).trim_end_matches(" €").replace('\u{202f}', ""),
        Err(_) => cents.to_owned(),
    }
}

#[component]
pub fn CatalogueField(field: &'static Field, answers: RwSignal<Answers>, errors: FormErrors, applicant: ApplicantContext) -> impl IntoView {
    let shown = Memo::new(move |_| answers.with(|a| holds(&field.shown, a, &applicant)));
    move || {
        shown.get().then(|| match field.kind {
            FieldKind::Group(group) => view! { <GroupControl field group answers errors/> }.into_any(),
            FieldKind::AddressSearch(targets) => view! { <super::address::AddressSearch field targets answers/> }.into_any(),
            _ => view! { <FieldControl field key=field.id.to_owned() answers errors/> }.into_any(),
        })
    }
}

/// The items of a repeated group, each with its fields, and the buttons to add and remove one.
#[component]
fn GroupControl(field: &'static Field, group: &'static Group, answers: RwSignal<Answers>, errors: FormErrors) -> impl IntoView {
    let i18n = use_i18n();
    let lang = i18n.lang();
    let id = input_id(field.id);
    let count = Memo::new(move |_| answers.with(|a| item_count(a, field.id)));
    // Shown because the applicant said there are some: start with one item to fill in.
    if count.get_untracked() == 0 {
        answers.update(|a| a.set(field.id, "1"));
    }
    let error = errors.field(field.id);
    let remove = move |n: usize| {
        answers.update(|a| {
            let total = item_count(a, field.id);
            // The next items move up one place.
            for i in n..total {
                for sub in group.fields {
                    let next = a.0.remove(&item_key(field.id, i + 1, sub.id));
                    match next {
                        Some(value) => a.set(&item_key(field.id, i, sub.id), value),
                        None => {
                            a.0.remove(&item_key(field.id, i, sub.id));
                        }
                    }
                }
            }
            a.set(field.id, total.saturating_sub(1).max(1).to_string());
        });
    };
    view! {
        <fieldset class="fr-fieldset repeated-group" id=id.clone() tabindex="-1" aria-labelledby=format!("{id}-legend")>
            <legend class="fr-fieldset__legend" id=format!("{id}-legend")>{field.label.get(lang)}{field.required.then_some(" *")}</legend>
            {move || (0..count.get()).map(|n| {
                let title = format!("{} {}", group.item.get(lang), n + 1);
                view! {
                    <div class="fr-fieldset__element repeated-group__item">
                        <h3 class="fr-h6">{title.clone()}</h3>
                        {group.fields.iter().map(|sub| view! {
                            <FieldControl field=sub key=item_key(field.id, n, sub.id) answers errors/>
                        }).collect_view()}
                        {(count.get_untracked() > 1).then(|| view! {
                            <button type="button" class="fr-btn fr-btn--tertiary fr-btn--sm"
                                aria-label=format!("{} ({title})", group.remove.get(lang)) on:click=move |_| remove(n)>
                                {group.remove.get(lang)}
                            </button>
                        })}
                    </div>
                }
            }).collect_view()}
            <div class="fr-fieldset__element">
                <button type="button" class="fr-btn fr-btn--secondary fr-btn--sm" disabled=move || { count.get() >= group.max }
                    on:click=move |_| answers.update(|a| a.set(field.id, (item_count(a, field.id) + 1).to_string()))>
                    {group.add.get(lang)}
                </button>
            </div>
            <div class="fr-messages-group" aria-live="polite">
                {move || error.get().map(|message| view! { <p class="fr-error-text">{message}</p> })}
            </div>
        </fieldset>
    }
}

#[component]
fn FieldControl(field: &'static Field, key: String, answers: RwSignal<Answers>, errors: FormErrors) -> impl IntoView {
    let i18n = use_i18n();
    let lang = i18n.lang();
    let id = input_id(&key);
    let error = errors.field_named(key.clone());
    let error_id = format!("{id}-error");
    let hint_id = format!("{id}-hint");
    let hint = field.hint.map(|h| h.get(lang)).or_else(|| (field.kind == FieldKind::MonthlyAmount).then(|| i18n.t(Msg::WizardEuroHint)));
    let described_by = {
        let (error_id, hint_id) = (error_id.clone(), hint_id.clone());
        move || {
            let mut ids = Vec::new();
            if hint.is_some() {
                ids.push(hint_id.clone());
            }
            if error.with(Option::is_some) {
                ids.push(error_id.clone());
            }
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    };
    let key = StoredValue::new(key);
    let value = move || key.with_value(|k| answers.with(|a| a.0.get(k).cloned().unwrap_or_default()));
    let set = move |text: String| key.with_value(|k| answers.update(|a| a.set(k, text)));
    let label = field.label.get(lang);
    let required = field.required.then_some(" *");
    let error_line = {
        let error_id = error_id.clone();
        move || error.get().map(|message| view! { <p class="fr-error-text" id=error_id.clone()>{message}</p> })
    };
    let hint_view = {
        let hint_id = hint_id.clone();
        move || hint.map(|h| view! { <span class="fr-hint-text" id=hint_id.clone()>{h}</span> })
    };

    match field.kind {
        FieldKind::YesNo => {
            let name = id.clone();
            let radio = move |code: &'static str, msg: Msg| {
                let radio_id = format!("{name}-{code}");
                view! {
                    <div class="fr-fieldset__element fr-fieldset__element--inline">
                        <div class="fr-radio-group">
                            <input
                                type="radio"
                                id=radio_id.clone()
                                name=name.clone()
                                value=code
                                prop:checked=move || value() == code
                                on:change=move |_| set(code.to_owned())
                            />
                            <label class="fr-label" for=radio_id>{i18n.t(msg)}</label>
                        </div>
                    </div>
                }
            };
            view! {
                <fieldset
                    class="fr-fieldset"
                    id=id.clone()
                    class:fr-fieldset--error=move || error.with(Option::is_some)
                    aria-describedby=described_by
                    tabindex="-1"
                >
                    <legend class="fr-fieldset__legend fr-fieldset__legend--regular">{label}{required}{hint_view}</legend>
                    {radio("oui", Msg::WizardYes)}
                    {radio("non", Msg::WizardNo)}
                    <div class="fr-messages-group" aria-live="polite">{error_line}</div>
                </fieldset>
            }
            .into_any()
        }
        FieldKind::Checkbox => view! {
            <div class="fr-checkbox-group fr-mb-3w" class:fr-checkbox-group--error=move || error.with(Option::is_some)>
                <input
                    type="checkbox"
                    id=id.clone()
                    prop:checked=move || value() == "oui"
                    on:change=move |ev| set(if event_target_checked(&ev) { "oui".to_owned() } else { String::new() })
                    aria-describedby=described_by
                />
                <label class="fr-label" for=id.clone()>{label}{hint_view}</label>
                <div class="fr-messages-group" aria-live="polite">{error_line}</div>
            </div>
        }
        .into_any(),
        FieldKind::Choice(_) | FieldKind::Country => {
            let options = match field.kind {
                FieldKind::Choice(choices) => choices.iter().map(|c| (c.code, c.label.get(lang))).collect::<Vec<_>>(),
                _ => COUNTRIES.iter().map(|c| (c.code, if lang == crate::i18n::Lang::En { c.en } else { c.fr })).collect(),
            };
            view! {
                <div class="fr-select-group" class:fr-select-group--error=move || error.with(Option::is_some)>
                    <label class="fr-label" for=id.clone()>{label}{required}{hint_view}</label>
                    <select
                        class="fr-select"
                        id=id.clone()
                        aria-describedby=described_by
                        aria-invalid=move || error.with(Option::is_some).then_some("true")
                        on:change=move |ev| set(event_target_value(&ev))
                        prop:value=value
                    >
                        <option value="" selected=move || value().is_empty()>{i18n.t(Msg::WizardSelect)}</option>
                        {options.into_iter().map(|(code, text)| view! {
                            <option value=code selected=move || value() == code>{text}</option>
                        }).collect_view()}
                    </select>
                    {error_line}
                </div>
            }
            .into_any()
        }
        FieldKind::LongText { max } => view! {
            <div class="fr-input-group" class:fr-input-group--error=move || error.with(Option::is_some)>
                <label class="fr-label" for=id.clone()>{label}{required}{hint_view}</label>
                <textarea
                    class="fr-input"
                    id=id.clone()
                    rows="4"
                    maxlength=max
                    aria-describedby=described_by
                    aria-invalid=move || error.with(Option::is_some).then_some("true")
                    prop:value=value
                    on:input=move |ev| set(event_target_value(&ev))
                ></textarea>
                {error_line}
            </div>
        }
        .into_any(),
        FieldKind::MonthlyAmount => {
            // The input shows euros; the answer is in cents (or the raw text, refused by the rules).
            let typed = RwSignal::new(euros_for_input(&value()));
            view! {
                <div class="fr-input-group" class:fr-input-group--error=move || error.with(Option::is_some)>
                    <label class="fr-label" for=id.clone()>{label}{required}{hint_view}</label>
                    <input
                        class="fr-input"
                        type="text"
                        inputmode="decimal"
                        id=id.clone()
                        aria-describedby=described_by
                        aria-invalid=move || error.with(Option::is_some).then_some("true")
                        prop:value=move || typed.get()
                        on:input=move |ev| {
                            let text = event_target_value(&ev);
                            typed.set(text.clone());
                            match parse_euros(&text) {
                                Ok(cents) => set(cents.to_string()),
                                Err(_) => set(text),
                            }
                        }
                    />
                    {error_line}
                </div>
            }
            .into_any()
        }
        kind => {
            let (input_type, inputmode, autocomplete, maxlength) = match kind {
                FieldKind::Text { max } => ("text", None, autocomplete_of(field.id), Some(max)),
                FieldKind::PastDate | FieldKind::Date => ("date", None, None, None),
                FieldKind::MobilePhone => ("tel", Some("tel"), Some("tel"), Some(20)),
                FieldKind::PostalCode => ("text", Some("numeric"), Some("postal-code"), Some(5)),
                FieldKind::InseeCode => ("text", None, None, Some(5)),
                FieldKind::EphotoCode => ("text", None, Some("off"), Some(30)),
                _ => ("text", None, None, None),
            };
            view! {
                <div class="fr-input-group" class:fr-input-group--error=move || error.with(Option::is_some)>
                    <label class="fr-label" for=id.clone()>{label}{required}{hint_view}</label>
                    <input
                        class="fr-input"
                        type=input_type
                        id=id.clone()
                        inputmode=inputmode
                        autocomplete=autocomplete
                        maxlength=maxlength
                        aria-describedby=described_by
                        aria-invalid=move || error.with(Option::is_some).then_some("true")
                        prop:value=value
                        on:input=move |ev| set(event_target_value(&ev))
                    />
                    {error_line}
                </div>
            }
            .into_any()
        }
    }
}

/// Browser autofill hints for the address fields.
fn autocomplete_of(field: &str) -> Option<&'static str> {
    use crate::domain::catalogue::common::{ADDRESS_CITY, ADDRESS_COMPLEMENT, ADDRESS_STREET};
    [(ADDRESS_STREET.id, "address-line1"), (ADDRESS_COMPLEMENT.id, "address-line2"), (ADDRESS_CITY.id, "address-level2")]
        .into_iter()
        .find(|(id, _)| *id == field)
        .map(|(_, hint)| hint)
}

#[cfg(test)]
mod tests {
    use super::euros_for_input;

    #[test]
    fn amounts_in_cents_are_typed_back_in_euros() {
        assert_eq!(euros_for_input("61500"), "615");
        assert_eq!(euros_for_input("123450"), "1234,50");
        assert_eq!(euros_for_input("12,x"), "12,x");
    }
}
