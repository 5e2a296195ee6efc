//! Form building blocks with the DSFR markup and accessible error reporting: every error is
//! tied to its input (`aria-describedby`, `aria-invalid`) and listed in a summary that takes
//! the focus after a failed submission, with links to the fields.

use leptos::either::Either;
use leptos::html;
use leptos::prelude::*;

use crate::domain::identifiers::EMAIL_MAX_LENGTH;
use crate::domain::password::{satisfies, PasswordRule};
use crate::domain::validation::FieldErrors;
use crate::error::AppError;
use crate::i18n::{use_i18n, Msg};

/// Errors of one form: per field, and one general error (network, rate limit…).
#[derive(Clone, Copy)]
pub struct FormErrors {
    fields: RwSignal<FieldErrors>,
    general: RwSignal<Option<AppError>>,
    /// Bumped at each failed submission so the summary takes the focus again.
    attempts: RwSignal<u32>,
}

impl Default for FormErrors {
    fn default() -> Self {
        Self::new()
    }
}

impl FormErrors {
    pub fn new() -> Self {
        Self { fields: RwSignal::new(FieldErrors::new()), general: RwSignal::new(None), attempts: RwSignal::new(0) }
    }

    pub fn clear(self) {
        self.fields.set(FieldErrors::new());
        self.general.set(None);
    }

    /// Shows the errors found before sending (client-side validation).
    pub fn show_fields(self, errors: FieldErrors) {
        self.general.set(None);
        self.fields.set(errors);
        self.attempts.update(|n| *n += 1);
    }

    /// Shows a refusal and empties the password field: a password is never left typed in the
    /// page after a failed attempt (login, e-mail change).
    pub fn show_emptying(self, error: AppError, password: RwSignal<String>) {
        password.set(String::new());
        self.show(error);
    }

    /// Shows an error answered by the server: field errors go next to the fields.
    pub fn show(self, error: AppError) {
        match error {
            AppError::Validation(errors) => self.show_fields(errors),
            other => {
                self.fields.set(FieldErrors::new());
                self.general.set(Some(other));
                self.attempts.update(|n| *n += 1);
            }
        }
    }

    /// The message of a field whose name is built at run time (e.g. `documents.passeport`).
    pub fn field_named(self, field: String) -> Signal<Option<String>> {
        let i18n = use_i18n();
        Signal::derive(move || self.fields.with(|errors| errors.get(&field).map(|e| i18n.validation(e))))
    }

    /// The message of `field`, in the page's language.
    pub fn field(self, field: &'static str) -> Signal<Option<String>> {
        let i18n = use_i18n();
        Signal::derive(move || self.fields.with(|errors| errors.get(field).map(|e| i18n.validation(e))))
    }

    pub fn has_errors(self) -> bool {
        self.fields.with(|f| !f.is_empty()) || self.general.with(Option::is_some)
    }
}

/// The alert at the top of a form: the general error, or the list of fields to correct.
/// `labels` maps field names to their label, `prefix` gives the ids (`{prefix}-{field}`).
#[component]
pub fn ErrorSummary(
    form: FormErrors,
    prefix: &'static str,
    labels: Vec<(&'static str, Msg)>,
    /// Labels that are not interface messages (the catalogue's fields, documents).
    #[prop(optional)]
    texts: Vec<(String, String)>,
) -> impl IntoView {
    let i18n = use_i18n();
    let node = NodeRef::<html::Div>::new();
    Effect::new(move |_| {
        if form.attempts.get() > 0 && form.has_errors() {
            if let Some(el) = node.get() {
                let _ = el.focus();
            }
        }
    });
    let labels = StoredValue::new(labels);
    let texts = StoredValue::new(texts);
    view! {
        <div node_ref=node tabindex="-1" class="form-error-summary">
            {move || {
                if let Some(error) = form.general.get() {
                    let title = error.message(i18n.lang());
                    return Some(view! {
                        <div class="fr-alert fr-alert--error fr-mb-3w" role="alert">
                            <p>{title}</p>
                        </div>
                    }.into_any());
                }
                let errors = form.fields.get();
                if errors.is_empty() {
                    return None;
                }
                let items = errors.0.iter().map(|e| {
                    let label = labels
                        .with_value(|l| l.iter().find(|(f, _)| *f == e.field).map(|(_, m)| i18n.t(*m).to_owned()))
                        .or_else(|| texts.with_value(|t| t.iter().find(|(f, _)| *f == e.field).map(|(_, text)| text.clone())))
                        .unwrap_or_default();
                    let href = format!("#{prefix}-{}", e.field);
                    let text = format!("{label} : {}", i18n.validation(&e.error));
                    view! { <li><a href=href>{text}</a></li> }
                }).collect_view();
                Some(view! {
                    <div class="fr-alert fr-alert--error fr-mb-3w" role="alert">
                        <h2 class="fr-alert__title">{i18n.t(Msg::ErrorSummaryTitle)}</h2>
                        <p>{i18n.t(Msg::ErrorSummaryIntro)}</p>
                        <ul>{items}</ul>
                    </div>
                }.into_any())
            }}
        </div>
    }
}

/// What ties a control to its hint and its error message: their ids, the `aria-describedby`
/// that names them, and their markup. Every field of every form uses it, so a control is never
/// described differently from its neighbours.
#[derive(Clone)]
pub struct FieldIds {
    pub id: String,
    hint: Option<String>,
    error: Signal<Option<String>>,
}

impl FieldIds {
    pub fn new(id: impl Into<String>, hint: Option<String>, error: Signal<Option<String>>) -> Self {
        FieldIds { id: id.into(), hint, error }
    }

    fn hint_id(&self) -> String {
        format!("{}-hint", self.id)
    }

    fn error_id(&self) -> String {
        format!("{}-error", self.id)
    }

    /// Whether the field has an error now (reactive).
    pub fn invalid(&self) -> impl Fn() -> bool + Copy + Send + Sync + 'static {
        let error = self.error;
        move || error.with(Option::is_some)
    }

    /// `aria-describedby`: the hint, and the error while there is one.
    pub fn described_by(&self) -> impl Fn() -> Option<String> + Clone + Send + Sync + 'static {
        let (hint_id, error_id, has_hint, error) = (self.hint_id(), self.error_id(), self.hint.is_some(), self.error);
        move || {
            let mut ids = Vec::new();
            if has_hint {
                ids.push(hint_id.clone());
            }
            if error.with(Option::is_some) {
                ids.push(error_id.clone());
            }
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    }

    /// The hint, inside the label or the legend.
    pub fn hint_view(&self) -> impl IntoView {
        let hint_id = self.hint_id();
        self.hint.clone().map(|h| view! { <span class="fr-hint-text" id=hint_id>{h}</span> })
    }

    /// The error message, under the control.
    pub fn error_view(&self) -> impl IntoView {
        let (error_id, error) = (self.error_id(), self.error);
        move || error.get().map(|message| view! { <p class="fr-error-text" id=error_id.clone()>{message}</p> })
    }
}

/// The DSFR input group around one control: the label (with the required mark and the hint)
/// and the error message.
#[component]
pub fn InputShell(ids: FieldIds, #[prop(into)] label: String, required: bool, children: Children) -> impl IntoView {
    view! {
        <div class="fr-input-group" class:fr-input-group--error=ids.invalid()>
            <label class="fr-label" for=ids.id.clone()>
                {label}
                {required.then_some(" *")}
                {ids.hint_view()}
            </label>
            {children()}
            {ids.error_view()}
        </div>
    }
}

/// A checkbox whose ticking shows more fields under it (a reason, a comment), as the agents'
/// request forms ask one per document or question.
#[component]
pub fn TickToReveal(#[prop(into)] id: String, #[prop(into)] label: String, ticked: RwSignal<bool>, children: ChildrenFn) -> impl IntoView {
    view! {
        <div class="fr-fieldset__element">
            <div class="fr-checkbox-group">
                <input type="checkbox" id=id.clone() prop:checked=move || ticked.get() on:change=move |ev| ticked.set(event_target_checked(&ev))/>
                <label class="fr-label" for=id>{label}</label>
            </div>
            <Show when=move || ticked.get()>
                <div class="fr-ml-4w">{children()}</div>
            </Show>
        </div>
    }
}

/// A labelled text input; with `rows`, a multi-line text area.
#[component]
pub fn TextInput(
    #[prop(into)] id: String,
    #[prop(into)] label: String,
    #[prop(optional, into)] hint: MaybeProp<String>,
    value: RwSignal<String>,
    #[prop(into)] error: Signal<Option<String>>,
    #[prop(default = "text")] input_type: &'static str,
    #[prop(optional)] autocomplete: Option<&'static str>,
    #[prop(optional)] inputmode: Option<&'static str>,
    #[prop(optional)] maxlength: Option<usize>,
    #[prop(default = true)] required: bool,
    #[prop(optional)] rows: Option<u32>,
) -> impl IntoView {
    let ids = FieldIds::new(id.clone(), hint.get_untracked(), error);
    let (invalid, described_by) = (ids.invalid(), ids.described_by());
    let shared = view! {
        <{..}
            class="fr-input"
            class:fr-input--error=invalid
            id=id.clone()
            name=id
            maxlength=maxlength
            required=required
            aria-invalid=move || invalid().then_some("true")
            aria-describedby=described_by
        />
    };
    let control = match rows {
        None => Either::Left(view! {
            <input {..shared} type=input_type autocomplete=autocomplete inputmode=inputmode bind:value=value/>
        }),
        Some(rows) => Either::Right(view! { <textarea {..shared} rows=rows bind:value=value></textarea> }),
    };
    view! { <InputShell ids label required>{control}</InputShell> }
}

/// An e-mail address input (the browser's e-mail keyboard and autofill, the length the
/// domain accepts).
#[component]
pub fn EmailInput(
    #[prop(into)] id: String,
    #[prop(into)] label: String,
    #[prop(optional, into)] hint: MaybeProp<String>,
    value: RwSignal<String>,
    #[prop(into)] error: Signal<Option<String>>,
    /// `off` where the address is someone else's (an administrator creating an agent).
    #[prop(default = "email")]
    autocomplete: &'static str,
) -> impl IntoView {
    view! { <TextInput id label hint value error input_type="email" autocomplete maxlength=EMAIL_MAX_LENGTH/> }
}

/// A text value that a control reads and sets: a signal of its own, or one entry of a larger
/// store (the wizard's answers).
#[derive(Clone, Copy)]
pub struct TextBinding {
    read: Signal<String>,
    write: Callback<String>,
}

impl TextBinding {
    pub fn new(read: impl Fn() -> String + Send + Sync + 'static, write: impl Fn(String) + Send + Sync + 'static) -> Self {
        Self { read: Signal::derive(read), write: Callback::new(write) }
    }
}

impl From<RwSignal<String>> for TextBinding {
    fn from(signal: RwSignal<String>) -> Self {
        Self { read: signal.into(), write: Callback::new(move |value| signal.set(value)) }
    }
}

/// One DSFR radio button of a group whose chosen value is `selected`; the children are its label.
#[component]
pub fn RadioOption(
    #[prop(into)] id: String,
    #[prop(into)] name: String,
    #[prop(into)] value: String,
    #[prop(into)] selected: TextBinding,
    /// Side by side with the other options (short answers such as yes / no).
    #[prop(optional)]
    inline: bool,
    /// Shown but not choosable (a procedure that is not open, with its reason in the label).
    #[prop(optional)]
    disabled: bool,
    children: Children,
) -> impl IntoView {
    let (checked_value, chosen_value) = (value.clone(), value.clone());
    view! {
        <div class="fr-fieldset__element" class:fr-fieldset__element--inline=inline>
            <div class="fr-radio-group" class:radio-closed=disabled>
                <input
                    type="radio"
                    id=id.clone()
                    name=name
                    value=value
                    disabled=disabled
                    prop:checked=move || selected.read.with(|s| *s == checked_value)
                    on:change=move |_| selected.write.run(chosen_value.clone())
                />
                <label class="fr-label" for=id>{children()}</label>
            </div>
        </div>
    }
}

/// The three values of a date typed as day / month / year.
#[derive(Clone, Copy)]
pub struct DateParts {
    pub day: RwSignal<String>,
    pub month: RwSignal<String>,
    pub year: RwSignal<String>,
}

impl Default for DateParts {
    fn default() -> Self {
        Self::new()
    }
}

impl DateParts {
    pub fn new() -> Self {
        Self { day: RwSignal::new(String::new()), month: RwSignal::new(String::new()), year: RwSignal::new(String::new()) }
    }

    pub fn get(self) -> (String, String, String) {
        (self.day.get_untracked(), self.month.get_untracked(), self.year.get_untracked())
    }
}

/// A date as three numeric inputs grouped in a fieldset (DSFR pattern): works with every
/// keyboard and screen reader, unlike many date pickers. The day input's id is `id`.
#[component]
pub fn DateInput(
    #[prop(into)] id: String,
    #[prop(into)] legend: String,
    parts: DateParts,
    #[prop(into)] error: Signal<Option<String>>,
    #[prop(default = "off")] autocomplete_prefix: &'static str,
) -> impl IntoView {
    let i18n = use_i18n();
    let legend_id = format!("{id}-legend");
    let messages_id = format!("{id}-messages");
    let labelled_by = format!("{legend_id} {messages_id}");
    let autocomplete = |part: &'static str| match autocomplete_prefix {
        "bday" => Some(match part {
            "day" => "bday-day",
            "month" => "bday-month",
            _ => "bday-year",
        }),
        _ => Some("off"),
    };
    let field = move |suffix: &'static str, label: Msg, hint: &'static str, signal: RwSignal<String>, max: usize| {
        let input_id = if suffix == "day" { id.clone() } else { format!("{id}-{suffix}") };
        view! {
            <div class="fr-fieldset__element fr-fieldset__element--inline fr-fieldset__element--number" class:fr-fieldset__element--year=suffix == "year">
                <div class="fr-input-group">
                    <label class="fr-label" for=input_id.clone()>
                        {i18n.t(label)}
                        <span class="fr-hint-text">{hint}</span>
                    </label>
                    <input
                        class="fr-input"
                        class:fr-input--error=move || error.with(Option::is_some)
                        id=input_id.clone()
                        name=input_id
                        type="text"
                        inputmode="numeric"
                        autocomplete=autocomplete(suffix)
                        maxlength=max
                        aria-invalid=move || error.with(Option::is_some).then_some("true")
                        bind:value=signal
                    />
                </div>
            </div>
        }
    };
    view! {
        <fieldset class="fr-fieldset" class:fr-fieldset--error=move || error.with(Option::is_some) role="group" aria-labelledby=labelled_by>
            <legend class="fr-fieldset__legend" id=legend_id>
                {legend}" *"
                <span class="fr-hint-text">{i18n.t(Msg::DateHint)}</span>
            </legend>
            {field("day", Msg::Day, "JJ", parts.day, 2)}
            {field("month", Msg::Month, "MM", parts.month, 2)}
            {field("year", Msg::Year, "AAAA", parts.year, 4)}
            <div class="fr-messages-group" id=messages_id aria-live="polite">
                {move || error.get().map(|message| view! { <p class="fr-message fr-message--error">{message}</p> })}
            </div>
        </fieldset>
    }
}

/// The two fields of a new password: the password, with the live checklist of the rule, and its
/// confirmation. Every form that sets a password uses them, so their names (`password`,
/// `password_confirmation`), autofill hints and checks cannot drift apart.
#[derive(Clone, Copy)]
pub struct NewPassword {
    pub password: RwSignal<String>,
    pub confirmation: RwSignal<String>,
}

impl NewPassword {
    /// The labels of the two fields, for the form's [`ErrorSummary`].
    pub const LABELS: [(&'static str, Msg); 2] = [("password", Msg::NewPassword), ("password_confirmation", Msg::NewPasswordConfirm)];

    pub fn new() -> Self {
        NewPassword { password: RwSignal::new(String::new()), confirmation: RwSignal::new(String::new()) }
    }

    /// The password and its confirmation, as typed.
    fn values(self) -> (String, String) {
        (self.password.get_untracked(), self.confirmation.get_untracked())
    }

    /// The password and its confirmation when they follow the shared rule (the form's errors
    /// are cleared); otherwise `None`, with each error shown beside its field.
    pub fn checked(self, errors: FormErrors) -> Option<(String, String)> {
        let (password, confirmation) = self.values();
        accepted(errors, crate::domain::password::new_password_errors(&password, &confirmation)).then_some((password, confirmation))
    }

    /// [`Self::checked`] for a form that replaces the `current` password: also given, and
    /// different from the new one. Returns the current password, the new one, its confirmation.
    pub fn checked_change(self, current: RwSignal<String>, errors: FormErrors) -> Option<(String, String, String)> {
        let (current, (password, confirmation)) = (current.get_untracked(), self.values());
        accepted(errors, crate::domain::password::change_errors(&current, &password, &confirmation)).then_some((
            current,
            password,
            confirmation,
        ))
    }
}

/// Whether a form with these `problems` may be sent: its errors are cleared, or shown.
fn accepted(errors: FormErrors, problems: FieldErrors) -> bool {
    if problems.is_empty() {
        errors.clear();
        true
    } else {
        errors.show_fields(problems);
        false
    }
}

impl Default for NewPassword {
    fn default() -> Self {
        Self::new()
    }
}

/// The [`ErrorSummary`] labels of a form that replaces the current password.
fn change_labels() -> Vec<(&'static str, Msg)> {
    [("current", Msg::CurrentPassword)].into_iter().chain(NewPassword::LABELS).collect()
}

/// The form to replace one's password, for applicants and agents: the required-fields note, the
/// error summary, the current password and the [`NewPasswordFields`] (ids starting with
/// `prefix`). `submit` receives (current, new, confirmation) once they pass the shared rule;
/// the caller shows the server's answer through `errors`.
#[component]
pub fn ChangePasswordForm(
    prefix: &'static str,
    errors: FormErrors,
    #[prop(into)] pending: Signal<bool>,
    submit: Callback<(String, String, String)>,
) -> impl IntoView {
    let i18n = use_i18n();
    let current = RwSignal::new(String::new());
    let fields = NewPassword::new();
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if let Some(change) = fields.checked_change(current, errors) {
            submit.run(change);
        }
    };
    view! {
        <p class="fr-text--sm">{i18n.t(Msg::RequiredFieldsNote)}</p>
        <form on:submit=on_submit novalidate>
            <ErrorSummary form=errors prefix labels=change_labels()/>
            <PasswordInput
                id=format!("{prefix}-current")
                label=i18n.t(Msg::CurrentPassword)
                value=current
                error=errors.field("current")
                autocomplete="current-password"
            />
            <NewPasswordFields prefix fields errors/>
            <SubmitButton label=i18n.t(Msg::ChangePasswordSubmit) pending/>
        </form>
    }
}

/// The fields of a [`NewPassword`]; their ids start with `prefix`.
#[component]
pub fn NewPasswordFields(prefix: &'static str, fields: NewPassword, errors: FormErrors) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <PasswordInput
            id=format!("{prefix}-password")
            label=i18n.t(Msg::NewPassword)
            value=fields.password
            error=errors.field("password")
            autocomplete="new-password"
            show_rules=true
        />
        <PasswordInput
            id=format!("{prefix}-password_confirmation")
            label=i18n.t(Msg::NewPasswordConfirm)
            value=fields.confirmation
            error=errors.field("password_confirmation")
            autocomplete="new-password"
        />
    }
}

/// A password input with a "show" toggle and, for new passwords, the live checklist of the
/// password rule (the same function the server applies).
#[component]
pub fn PasswordInput(
    #[prop(into)] id: String,
    #[prop(into)] label: String,
    value: RwSignal<String>,
    #[prop(into)] error: Signal<Option<String>>,
    autocomplete: &'static str,
    /// Shows the live checklist of the password rule (for the new password, not its confirmation).
    #[prop(optional)]
    show_rules: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let shown = RwSignal::new(false);
    let show_id = format!("{id}-show");
    let messages_id = format!("{id}-messages");
    let error_id = format!("{id}-error");
    let is_new = show_rules;
    let checklist = is_new.then(|| {
        let rules = PasswordRule::ALL.map(|rule| {
            let text = i18n.t(match rule {
                PasswordRule::Length => Msg::PasswordRuleLength,
                PasswordRule::Lowercase => Msg::PasswordRuleLowercase,
                PasswordRule::Uppercase => Msg::PasswordRuleUppercase,
                PasswordRule::Digit => Msg::PasswordRuleDigit,
                PasswordRule::Special => Msg::PasswordRuleSpecial,
                PasswordRule::OnlyAllowedCharacters => Msg::PasswordRuleOnlyAllowed,
            });
            let met = move || value.with(|p| !p.is_empty() && satisfies(p, rule));
            view! {
                <p class="fr-message" class:fr-message--valid=met class:fr-message--info=move || !met()>
                    {text}
                    <span class="fr-sr-only">" – "{move || i18n.t(if met() { Msg::PasswordRuleMet } else { Msg::PasswordRuleNotMet })}</span>
                </p>
            }
        });
        view! {
            <p class="fr-message" id=format!("{id}-rules-title")>{i18n.t(Msg::PasswordRulesTitle)}</p>
            {rules.into_iter().collect_view()}
        }
    });
    let described_by = {
        let (messages_id, error_id) = (messages_id.clone(), error_id.clone());
        move || {
            let mut ids = Vec::new();
            if error.with(Option::is_some) {
                ids.push(error_id.clone());
            }
            if is_new {
                ids.push(messages_id.clone());
            }
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    };
    view! {
        <div class="fr-password fr-input-group" class:fr-input-group--error=move || error.with(Option::is_some)>
            <label class="fr-label" for=id.clone()>{label}" *"</label>
            <div class="fr-input-wrap">
                <input
                    class="fr-password__input fr-input"
                    class:fr-input--error=move || error.with(Option::is_some)
                    id=id.clone()
                    name=id.clone()
                    type=move || if shown.get() { "text" } else { "password" }
                    autocomplete=autocomplete
                    autocapitalize="off"
                    spellcheck="false"
                    required=true
                    aria-invalid=move || error.with(Option::is_some).then_some("true")
                    aria-describedby=described_by
                    bind:value=value
                />
            </div>
            {move || error.get().map(|message| view! { <p class="fr-error-text" id=error_id.clone()>{message}</p> })}
            <div class="fr-messages-group" id=messages_id aria-live="polite">{checklist}</div>
            <div class="fr-password__checkbox fr-checkbox-group fr-checkbox-group--sm">
                <input id=show_id.clone() type="checkbox" bind:checked=shown />
                <label class="fr-password__checkbox fr-label" for=show_id>{i18n.t(Msg::ShowPassword)}</label>
            </div>
        </div>
    }
}

/// A submit button that shows it is working and cannot be pressed twice meanwhile.
#[component]
pub fn SubmitButton(#[prop(into)] label: String, #[prop(into)] pending: Signal<bool>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <button class="fr-btn" type="submit" disabled=move || pending.get() aria-busy=move || pending.get().then_some("true")>
            {move || if pending.get() { i18n.t(Msg::Loading).to_owned() } else { label.clone() }}
        </button>
    }
}
