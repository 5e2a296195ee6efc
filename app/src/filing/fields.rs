//! One catalogue field rendered as a DSFR input. The field's kind decides the control; its
//! condition decides whether it is shown; its error comes from the shared validation.

use leptos::prelude::*;

use crate::components::forms::{FieldIds, FormErrors, InputShell, RadioOption, TextBinding};
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

/// One catalogue field's control, by kind: each kind is its own component below, and every one
/// is tied to its hint and error by the same [`FieldIds`].
#[component]
fn FieldControl(field: &'static Field, key: String, answers: RwSignal<Answers>, errors: FormErrors) -> impl IntoView {
    let i18n = use_i18n();
    let lang = i18n.lang();
    let hint = field.hint.map(|h| h.get(lang)).or_else(|| (field.kind == FieldKind::MonthlyAmount).then(|| i18n.t(Msg::WizardEuroHint)));
    let control = Control {
        field,
        ids: FieldIds::new(input_id(&key), hint.map(str::to_owned), errors.field_named(key.clone())),
        answer: Answer { key: StoredValue::new(key), answers },
    };
    match field.kind {
        FieldKind::YesNo => view! { <YesNoControl control/> }.into_any(),
        FieldKind::Checkbox => view! { <CheckboxControl control/> }.into_any(),
        FieldKind::Choice(_) | FieldKind::Country => view! { <SelectControl control/> }.into_any(),
        FieldKind::LongText { max } => view! { <LongTextControl control max/> }.into_any(),
        FieldKind::MonthlyAmount => view! { <AmountControl control/> }.into_any(),
        _ => view! { <InputControl control/> }.into_any(),
    }
}

/// Where a field's answer is read and written.
#[derive(Clone, Copy)]
struct Answer {
    key: StoredValue<String>,
    answers: RwSignal<Answers>,
}

impl Answer {
    fn get(self) -> String {
        self.key.with_value(|k| self.answers.with(|a| a.0.get(k).cloned().unwrap_or_default()))
    }

    fn set(self, text: String) {
        self.key.with_value(|k| self.answers.update(|a| a.set(k, text)));
    }
}

/// What every control of a catalogue field is made of.
#[derive(Clone)]
struct Control {
    field: &'static Field,
    ids: FieldIds,
    answer: Answer,
}

impl Control {
    fn label(&self) -> &'static str {
        self.field.label.get(use_i18n().lang())
    }

    fn required_mark(&self) -> Option<&'static str> {
        self.field.required.then_some(" *")
    }
}

#[component]
fn YesNoControl(control: Control) -> impl IntoView {
    let i18n = use_i18n();
    let Control { ids, answer, .. } = control.clone();
    let name = ids.id.clone();
    let selected = TextBinding::new(move || answer.get(), move |value| answer.set(value));
    let radio = move |code: &'static str, msg: Msg| {
        view! { <RadioOption id=format!("{name}-{code}") name=name.clone() value=code selected inline=true>{i18n.t(msg)}</RadioOption> }
    };
    view! {
        <fieldset
            class="fr-fieldset"
            id=ids.id.clone()
            class:fr-fieldset--error=ids.invalid()
            aria-describedby=ids.described_by()
            tabindex="-1"
        >
            <legend class="fr-fieldset__legend fr-fieldset__legend--regular">{control.label()}{control.required_mark()}{ids.hint_view()}</legend>
            {radio("oui", Msg::WizardYes)}
            {radio("non", Msg::WizardNo)}
            <div class="fr-messages-group" aria-live="polite">{ids.error_view()}</div>
        </fieldset>
    }
}

#[component]
fn CheckboxControl(control: Control) -> impl IntoView {
    let Control { ids, answer, .. } = control.clone();
    view! {
        <div class="fr-checkbox-group fr-mb-3w" class:fr-checkbox-group--error=ids.invalid()>
            <input
                type="checkbox"
                id=ids.id.clone()
                prop:checked=move || answer.get() == "oui"
                on:change=move |ev| answer.set(if event_target_checked(&ev) { "oui".to_owned() } else { String::new() })
                aria-describedby=ids.described_by()
            />
            <label class="fr-label" for=ids.id.clone()>{control.label()}{ids.hint_view()}</label>
            <div class="fr-messages-group" aria-live="polite">{ids.error_view()}</div>
        </div>
    }
}

#[component]
fn SelectControl(control: Control) -> impl IntoView {
    let i18n = use_i18n();
    let lang = i18n.lang();
    let Control { field, ids, answer } = control.clone();
    let options = match field.kind {
        FieldKind::Choice(choices) => choices.iter().map(|c| (c.code, c.label.get(lang))).collect::<Vec<_>>(),
        _ => COUNTRIES.iter().map(|c| (c.code, if lang == crate::i18n::Lang::En { c.en } else { c.fr })).collect(),
    };
    let invalid = ids.invalid();
    view! {
        <div class="fr-select-group" class:fr-select-group--error=invalid>
            <label class="fr-label" for=ids.id.clone()>{control.label()}{control.required_mark()}{ids.hint_view()}</label>
            <select
                class="fr-select"
                id=ids.id.clone()
                aria-describedby=ids.described_by()
                aria-invalid=move || invalid().then_some("true")
                on:change=move |ev| answer.set(event_target_value(&ev))
                prop:value=move || answer.get()
            >
                <option value="" selected=move || answer.get().is_empty()>{i18n.t(Msg::WizardSelect)}</option>
                {options.into_iter().map(|(code, text)| view! {
                    <option value=code selected=move || answer.get() == code>{text}</option>
                }).collect_view()}
            </select>
            {ids.error_view()}
        </div>
    }
}

#[component]
fn LongTextControl(control: Control, max: usize) -> impl IntoView {
    let Control { ids, answer, .. } = control.clone();
    let (invalid, described_by, id) = (ids.invalid(), ids.described_by(), ids.id.clone());
    view! {
        <InputShell ids label=control.label() required=control.field.required>
            <textarea
                class="fr-input"
                id=id.clone()
                rows="4"
                maxlength=max
                aria-describedby=described_by.clone()
                aria-invalid=move || invalid().then_some("true")
                prop:value=move || answer.get()
                on:input=move |ev| answer.set(event_target_value(&ev))
            ></textarea>
        </InputShell>
    }
}

/// An amount per month: the input shows euros, the answer is in cents (or the raw text, which
/// the rules refuse).
#[component]
fn AmountControl(control: Control) -> impl IntoView {
    let Control { ids, answer, .. } = control.clone();
    let typed = RwSignal::new(euros_for_input(&answer.get()));
    let (invalid, described_by, id) = (ids.invalid(), ids.described_by(), ids.id.clone());
    view! {
        <InputShell ids label=control.label() required=control.field.required>
            <input
                class="fr-input"
                type="text"
                inputmode="decimal"
                id=id.clone()
                aria-describedby=described_by.clone()
                aria-invalid=move || invalid().then_some("true")
                prop:value=move || typed.get()
                on:input=move |ev| {
                    let text = event_target_value(&ev);
                    typed.set(text.clone());
                    match parse_euros(&text) {
                        Ok(cents) => answer.set(cents.to_string()),
                        Err(_) => answer.set(text),
                    }
                }
            />
        </InputShell>
    }
}

/// A one-line input: text, dates, phone, postal and INSEE codes, e-photo code.
#[component]
fn InputControl(control: Control) -> impl IntoView {
    let Control { field, ids, answer } = control.clone();
    let (input_type, inputmode, autocomplete, maxlength) = match field.kind {
        FieldKind::Text { max } => ("text", None, autocomplete_of(field.id), Some(max)),
        FieldKind::PastDate | FieldKind::Date => ("date", None, None, None),
        FieldKind::MobilePhone => ("tel", Some("tel"), Some("tel"), Some(20)),
        FieldKind::Email => ("email", Some("email"), Some("off"), Some(254)),
        FieldKind::PostalCode => ("text", Some("numeric"), Some("postal-code"), Some(5)),
        FieldKind::InseeCode => ("text", None, None, Some(5)),
        FieldKind::EphotoCode => ("text", None, Some("off"), Some(30)),
        FieldKind::TaxStamp => ("text", Some("numeric"), Some("off"), Some(24)),
        _ => ("text", None, None, None),
    };
    let (invalid, described_by, id) = (ids.invalid(), ids.described_by(), ids.id.clone());
    view! {
        <InputShell ids label=control.label() required=control.field.required>
            <input
                class="fr-input"
                type=input_type
                id=id.clone()
                inputmode=inputmode
                autocomplete=autocomplete
                maxlength=maxlength
                aria-describedby=described_by.clone()
                aria-invalid=move || invalid().then_some("true")
                prop:value=move || answer.get()
                on:input=move |ev| answer.set(event_target_value(&ev))
            />
        </InputShell>
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
