//! The recap (SPEC §5.5): one accordion per part, each validated on its own ("n/n"), the
//! observations, the submission; then the confirmation (SPEC §5.6).

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::documents::document_key;
use super::wizard::{focus_title, Wizard, WizardExits};
use super::{offline, paths, submit_application, validate_recap_part, OBSERVATIONS_MAX};
use crate::accounts::paths as account_paths;
use crate::components::accordion::Accordion;
use crate::components::forms::{ErrorSummary, FormErrors};
use crate::domain::catalogue::answers::{answer_rows, display_answer};
use crate::domain::catalogue::{required_documents, Step, StepKind};
use crate::domain::lifecycle::FileStatus;
use crate::i18n::{use_i18n, Msg};

/// The parts of the recap: the steps where the applicant enters something.
fn parts(wizard: Wizard) -> Vec<&'static Step> {
    wizard.procedure.steps.iter().filter(|s| matches!(s.kind, StepKind::Form | StepKind::Documents)).collect()
}

#[component]
pub fn RecapStep() -> impl IntoView {
    let i18n = use_i18n();
    let wizard = expect_context::<Wizard>();
    let parts = parts(wizard);
    let total = parts.len();
    let validated = Memo::new(move |_| wizard.draft.with(|d| d.recap_validated.len()));
    let all_validated = move || validated.get() >= total;
    let observations = RwSignal::new(wizard.draft.with_untracked(|d| d.observations.clone()));
    let form = FormErrors::new();
    let pending = RwSignal::new(false);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if !all_validated() || pending.get_untracked() {
            return;
        }
        pending.set(true);
        let id = wizard.id();
        let text = observations.get_untracked();
        spawn_local(async move {
            let result = submit_application(id.clone(), Some(text)).await;
            pending.set(false);
            match result {
                Ok(filed) => {
                    offline::forget(&id);
                    wizard.draft.update(|d| {
                        d.status = FileStatus::Deposee;
                        d.submitted = Some(filed);
                    });
                    focus_title();
                }
                Err(error) => wizard.report(error, form),
            }
        });
    };
    view! {
        <p>{i18n.t(Msg::RecapIntro)}</p>
        <p class="fr-badge fr-badge--info fr-mb-3w" role="status" aria-live="polite">
            {move || i18n.fill(Msg::RecapCounter, &[("n", &validated.get().to_string()), ("total", &total.to_string())])}
        </p>
        <div class="fr-accordions-group">
            {parts.into_iter().map(|step| view! { <RecapPart step/> }).collect_view()}
        </div>
        <form on:submit=submit novalidate class="fr-mt-4w">
            <ErrorSummary form prefix="f" labels=vec![("observations", Msg::RecapObservations)]/>
            <div class="fr-input-group">
                <label class="fr-label" for="f-observations">
                    {i18n.t(Msg::RecapObservations)}
                    <span class="fr-hint-text" id="f-observations-hint">{i18n.t(Msg::RecapObservationsHint)}</span>
                </label>
                <textarea class="fr-input" id="f-observations" rows="4" maxlength=OBSERVATIONS_MAX aria-describedby="f-observations-hint"
                    prop:value=move || observations.get() on:input=move |ev| observations.set(event_target_value(&ev))></textarea>
            </div>
            <p class="fr-text--bold" id="submit-final">{i18n.t(Msg::RecapFinal)}</p>
            <Show when=move || !all_validated()>
                <p class="fr-info-text" id="submit-disabled-reason">{i18n.t(Msg::RecapSubmitDisabled)}</p>
            </Show>
            <ul class="fr-btns-group fr-btns-group--inline-md fr-btns-group--right fr-mt-3w">
                <li>
                    <button type="submit" class="fr-btn" disabled=move || !all_validated() || pending.get()
                        aria-describedby=move || if all_validated() { "submit-final" } else { "submit-final submit-disabled-reason" }>
                        {i18n.t(Msg::RecapSubmit)}
                    </button>
                </li>
            </ul>
        </form>
        <WizardExits/>
    }
}

/// One part: its answers (or documents), "Modifier ma saisie", "Valider et vérifier…".
#[component]
fn RecapPart(step: &'static Step) -> impl IntoView {
    let i18n = use_i18n();
    let lang = i18n.lang();
    let wizard = expect_context::<Wizard>();
    let applicant = wizard.draft.with_untracked(|d| d.applicant);
    let done = Memo::new(move |_| wizard.draft.with(|d| d.recap_validated.iter().any(|p| p == step.id)));
    let open = RwSignal::new(!done.get_untracked());
    let form = FormErrors::new();
    let pending = RwSignal::new(false);
    let validate = move |_| {
        pending.set(true);
        let (id, version) = (wizard.id(), wizard.version());
        spawn_local(async move {
            let result = validate_recap_part(id, step.id.to_owned(), version).await;
            pending.set(false);
            match result {
                Ok(version) => {
                    form.clear();
                    wizard.draft.update(|d| {
                        d.version = version;
                        if !d.recap_validated.iter().any(|p| p == step.id) {
                            d.recap_validated.push(step.id.to_owned());
                        }
                    });
                    open.set(false);
                }
                Err(error) => wizard.report(error, form),
            }
        });
    };
    let rows =
        move || {
            wizard.draft.with(|d| {
                if step.kind == StepKind::Documents {
                    let mut rows: Vec<(String, String)> = required_documents(wizard.procedure, &d.answers, &applicant)
                        .into_iter()
                        .map(|doc| {
                            let names: Vec<&str> = d.files.iter().filter(|f| f.document == doc.code).map(|f| f.name.as_str()).collect();
                            let value = if names.is_empty() { i18n.t(Msg::RecapNotAnswered).to_owned() } else { names.join(", ") };
                            (doc.label.get(lang).to_owned(), value)
                        })
                        .collect();
                    rows.extend(step.fields.iter().map(|f| {
                        (f.label.get(lang).to_owned(), d.answers.get(f.id).map(|v| display_answer(f, v, lang)).unwrap_or_default())
                    }));
                    rows
                } else {
                    answer_rows(step, &d.answers, &applicant, lang)
                        .into_iter()
                        .map(|(label, value)| (label, value.unwrap_or_else(|| i18n.t(Msg::RecapNotAnswered).to_owned())))
                        .collect()
                }
            })
        };
    let texts: Vec<(String, String)> = step
        .fields
        .iter()
        .map(|f| (f.id.to_owned(), f.label.get(lang).to_owned()))
        .chain(wizard.procedure.documents.iter().map(|d| (document_key(d.code), d.label.get(lang).to_owned())))
        .collect();
    let title = move || {
        if done.get() {
            format!("{} – {}", step.title.get(lang), i18n.t(Msg::RecapValidated))
        } else {
            step.title.get(lang).to_owned()
        }
    };
    view! {
        <Accordion id=format!("recap-{}", step.id) title=title() open>
            <ErrorSummary form prefix="recap" labels=vec![] texts/>
            <dl class="answers">
                {move || rows().into_iter().map(|(label, value)| view! { <dt>{label}</dt><dd>{value}</dd> }).collect_view()}
            </dl>
            <ul class="fr-btns-group fr-btns-group--inline-md fr-btns-group--sm fr-mt-2w">
                <li><a class="fr-btn fr-btn--secondary" href=move || paths::step(&wizard.id(), step.id)>{i18n.t(Msg::RecapEdit)}</a></li>
                <li>
                    <button type="button" class="fr-btn" on:click=validate disabled=move || pending.get() || done.get()>
                        {move || if done.get() { i18n.t(Msg::RecapValidated) } else { i18n.t(Msg::RecapValidate) }}
                    </button>
                </li>
            </ul>
        </Accordion>
    }
}

#[component]
pub fn ConfirmationStep() -> impl IntoView {
    let i18n = use_i18n();
    let wizard = expect_context::<Wizard>();
    let filed = move || wizard.draft.with(|d| d.submitted.clone());
    view! {
        {move || filed().map(|filed| view! {
            <div class="fr-alert fr-alert--success fr-mb-3w">
                <h2 class="fr-alert__title">{i18n.t(Msg::ConfirmationTitle)}</h2>
                <p>{i18n.fill(Msg::ConfirmationText, &[("number", &filed.file_number), ("at", &filed.submitted_at), ("prefecture", &filed.prefecture)])}</p>
            </div>
        })}
        <p>{i18n.t(Msg::ConfirmationMail)}</p>
        <p>
            <a class="fr-link fr-link--download" href=move || paths::receipt(&wizard.id()) rel="external" download>
                {i18n.t(Msg::ConfirmationDownload)}
                <span class="fr-link__detail">"PDF"</span>
            </a>
        </p>
        <div class="fr-callout fr-my-3w">
            <p class="fr-callout__text">{i18n.t(Msg::ConfirmationSocialSecurity)}</p>
        </div>
        <h2 class="fr-h4">{i18n.t(Msg::ConfirmationNextTitle)}</h2>
        <ul>
            <li>{i18n.t(Msg::ConfirmationNext1)}</li>
            <li>{i18n.t(Msg::ConfirmationNext2)}</li>
            <li>{i18n.t(Msg::ConfirmationNext3)}</li>
        </ul>
        <a class="fr-btn fr-mt-3w" href=account_paths::PROCEDURES>{i18n.t(Msg::ConfirmationBack)}</a>
    }
}
