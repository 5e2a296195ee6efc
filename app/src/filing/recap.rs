//! The recap (SPEC §5.5): one accordion per part, each validated on its own ("n/n"), the
//! observations, the submission; then the confirmation (SPEC §5.6).

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::documents::document_key;
use super::wizard::{civil_status_rows, focus_title, Wizard, WizardExits};
use super::{give_feedback, offline, paths, submit_application, validate_recap_part, OBSERVATIONS_MAX};
use crate::accounts::paths as account_paths;
use crate::components::accordion::Accordion;
use crate::components::forms::{ErrorSummary, FormErrors, RadioOption, TextInput};
use crate::domain::catalogue::answers::{answer_rows, display_answer};
use crate::domain::catalogue::common::{PERSONAL_STEP, RECAP_STEP};
use crate::domain::catalogue::recap::Reopened;
use crate::domain::catalogue::{required_documents, FilingKind, Step, StepKind};
use crate::domain::feedback;
use crate::domain::lifecycle::{FileStatus, COMPLEMENT_DEADLINE_DAYS};
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
    let texts = FilingTexts::of(wizard.procedure.filing);
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
            <p class="fr-text--bold" id="submit-final">{i18n.t(texts.last_word)}</p>
            <Show when=move || !all_validated()>
                <p class="fr-info-text" id="submit-disabled-reason">{i18n.t(Msg::RecapSubmitDisabled)}</p>
            </Show>
            <ul class="fr-btns-group fr-btns-group--inline-md fr-btns-group--right fr-mt-3w">
                <li>
                    <button type="submit" class="fr-btn" disabled=move || !all_validated() || pending.get()
                        aria-describedby=move || if all_validated() { "submit-final" } else { "submit-final submit-disabled-reason" }>
                        {i18n.t(texts.submit)}
                    </button>
                </li>
            </ul>
        </form>
        <p class="fr-mt-3w">
            <a class="fr-link fr-icon-arrow-left-line fr-link--icon-left"
                href=move || paths::step(&wizard.id(), wizard.previous_step(RECAP_STEP.id))>{i18n.t(Msg::WizardBack)}</a>
        </p>
        <WizardExits/>
    }
}

/// The first part after `step` still to validate, if any.
fn next_part_to_validate(wizard: Wizard, step: &str) -> Option<&'static str> {
    let parts = parts(wizard);
    let position = parts.iter().position(|p| p.id == step)?;
    wizard.draft.with_untracked(|d| parts[position + 1..].iter().map(|p| p.id).find(|id| !d.recap_validated.iter().any(|v| v == id)))
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
    Effect::new(move |_| {
        if wizard.next_part.get() == Some(step.id) {
            open.set(true);
        }
    });
    let reopened = Memo::new(move |_| wizard.reopened.with(|all| all.iter().find(|r| r.part == step.id).map(|r| r.why)));
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
                    wizard.reopened.update(|all| all.retain(|r| r.part != step.id));
                    open.set(false);
                    // Seed 002: validating a part opens the next one to check.
                    wizard.next_part.set(next_part_to_validate(wizard, step.id));
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
                    // Part 1 starts with the civil status and the e-mail (seed 004's recap).
                    let civil = if step.id == PERSONAL_STEP.id { civil_status_rows(d.civil_status.clone(), lang) } else { Vec::new() };
                    civil
                        .into_iter()
                        .chain(
                            answer_rows(step, &d.answers, &applicant, lang)
                                .into_iter()
                                .map(|(label, value)| (label, value.unwrap_or_else(|| i18n.t(Msg::RecapNotAnswered).to_owned()))),
                        )
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
            {move || reopened.get().map(|why| {
                let msg = match why {
                    Reopened::Edited => Msg::RecapReopenedEdited,
                    Reopened::Questions => Msg::RecapReopenedQuestions,
                    Reopened::Documents => Msg::RecapReopenedDocuments,
                };
                view! { <p class="fr-alert fr-alert--warning fr-alert--sm fr-mb-2w">{i18n.t(msg)}</p> }
            })}
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

/// What the recap and the confirmation say, by kind of filing: an application is filed and
/// instructed; a VLS-TS is validated by the filing itself.
#[derive(Clone, Copy)]
struct FilingTexts {
    submit: Msg,
    last_word: Msg,
    done_title: Msg,
    done_text: Msg,
    mail: Msg,
    download: Msg,
    next: &'static [Msg],
}

impl FilingTexts {
    fn of(filing: FilingKind) -> Self {
        match filing {
            FilingKind::Application => FilingTexts {
                submit: Msg::RecapSubmit,
                last_word: Msg::RecapFinal,
                done_title: Msg::ConfirmationTitle,
                done_text: Msg::ConfirmationText,
                mail: Msg::ConfirmationMail,
                download: Msg::ConfirmationDownload,
                next: &[Msg::ConfirmationNext1, Msg::ConfirmationNext2, Msg::ConfirmationNext3],
            },
            FilingKind::VisaValidation => FilingTexts {
                submit: Msg::RecapSubmitValidation,
                last_word: Msg::RecapFinalValidation,
                done_title: Msg::ConfirmationValidatedTitle,
                done_text: Msg::ConfirmationValidatedText,
                mail: Msg::ConfirmationValidatedMail,
                download: Msg::ConfirmationValidatedDownload,
                next: &[Msg::ConfirmationValidatedNext],
            },
        }
    }
}

#[component]
pub fn ConfirmationStep() -> impl IntoView {
    let i18n = use_i18n();
    let wizard = expect_context::<Wizard>();
    let filed = move || wizard.draft.with(|d| d.submitted.clone());
    let filing = wizard.procedure.filing;
    let texts = FilingTexts::of(filing);
    view! {
        {move || filed().map(|filed| view! {
            <div class="fr-alert fr-alert--success fr-mb-3w">
                <h2 class="fr-alert__title">{i18n.t(texts.done_title)}</h2>
                <p>{i18n.fill(texts.done_text, &[("number", &filed.file_number), ("at", &filed.submitted_at), ("prefecture", &filed.prefecture)])}</p>
            </div>
            {filed.attestation.map(|notice| {
                use crate::lawful_stay::AttestationNotice;
                let (class, text) = match notice {
                    AttestationNotice::Issued { valid_until } => ("fr-alert fr-alert--info fr-mb-3w attestation-notice", i18n.fill(Msg::StayAttestationIssued, &[("until", &valid_until)])),
                    AttestationNotice::Late { window_closed } => ("fr-alert fr-alert--warning fr-mb-3w attestation-notice", i18n.fill(Msg::StayAttestationLate, &[("closed", &window_closed)])),
                    AttestationNotice::AfterCheck => ("fr-alert fr-alert--info fr-mb-3w attestation-notice", i18n.t(Msg::StayAttestationAfterCheck).to_owned()),
                };
                view! { <div class=class><p>{text}</p></div> }
            })}
        })}
        <p>{i18n.t(texts.mail)}</p>
        <p>{i18n.t(Msg::ConfirmationSpam)}" "<a href="/contact">{i18n.t(Msg::FooterContact)}</a>"."</p>
        <p>
            <a class="fr-link fr-link--download" href=move || paths::receipt(&wizard.id(), filing) rel="external" download>
                {i18n.t(texts.download)}
                <span class="fr-link__detail">"PDF"</span>
            </a>
        </p>
        <div class="fr-callout fr-my-3w">
            <p class="fr-callout__text">
                {i18n.t(Msg::ConfirmationSocialSecurity)}" "
                <a href="https://www.ameli.fr" rel="external">"ameli.fr"</a>"."
            </p>
        </div>
        // An application is instructed; a validated visa is not (nothing is asked of it later).
        {(filing == FilingKind::Application).then(|| view! {
            <div class="fr-alert fr-alert--warning fr-mb-3w">
                <p>{i18n.fill(Msg::ConfirmationDeadline, &[("days", &COMPLEMENT_DEADLINE_DAYS.to_string())])}</p>
            </div>
        })}
        <h2 class="fr-h4">{i18n.t(Msg::ConfirmationNextTitle)}</h2>
        <ul>
            {texts.next.iter().map(|next| view! { <li>{i18n.t(*next)}</li> }).collect_view()}
        </ul>
        <FeedbackForm/>
        <a class="fr-btn fr-mt-3w" href=account_paths::PROCEDURES>{i18n.t(Msg::ConfirmationBack)}</a>
    }
}

/// "Je donne mon avis" (seed 004): a rating from 1 to 5 and an optional comment.
#[component]
fn FeedbackForm() -> impl IntoView {
    let i18n = use_i18n();
    let wizard = expect_context::<Wizard>();
    let rating = RwSignal::new(String::new());
    let comment = RwSignal::new(String::new());
    let form = FormErrors::new();
    let pending = RwSignal::new(false);
    let thanked = RwSignal::new(false);
    let send = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let chosen = rating.get_untracked().parse::<u8>().ok();
        let text = comment.get_untracked();
        // The same rule as the server's, at once.
        if let Err(errors) = feedback::validate(chosen, &text) {
            form.show_fields(errors);
            return;
        }
        form.clear();
        pending.set(true);
        let id = wizard.id();
        spawn_local(async move {
            let result = give_feedback(id, chosen, text).await;
            pending.set(false);
            match result {
                Ok(()) => thanked.set(true),
                Err(error) => form.show(error),
            }
        });
    };
    let options = [Msg::FeedbackRating1, Msg::FeedbackRating2, Msg::FeedbackRating3, Msg::FeedbackRating4, Msg::FeedbackRating5];
    view! {
        <section class="fr-mt-4w" aria-labelledby="feedback-title">
            <Show
                when=move || thanked.get()
                fallback=move || view! {
                    <form on:submit=send novalidate>
                        <ErrorSummary form prefix="feedback" labels=vec![("rating", Msg::FeedbackLegend), ("comment", Msg::FeedbackComment)]/>
                        <fieldset class="fr-fieldset" id="feedback-rating" tabindex="-1"
                            class:fr-fieldset--error=move || form.field("rating").with(Option::is_some)>
                            <legend class="fr-fieldset__legend" id="feedback-title">{i18n.t(Msg::FeedbackLegend)}</legend>
                            {options.into_iter().zip(1..).map(|(label, value)| view! {
                                <RadioOption id=format!("feedback-rating-{value}") name="rating" value=value.to_string() selected=rating>
                                    {i18n.t(label)}
                                </RadioOption>
                            }).collect_view()}
                            <div class="fr-messages-group" aria-live="polite">
                                {move || form.field("rating").get().map(|m| view! { <p class="fr-error-text">{m}</p> })}
                            </div>
                        </fieldset>
                        <TextInput id="feedback-comment" label=i18n.t(Msg::FeedbackComment) value=comment error=form.field("comment")
                            maxlength=feedback::COMMENT_MAX required=false rows=3/>
                        <button type="submit" class="fr-btn fr-btn--secondary" disabled=move || pending.get()>{i18n.t(Msg::FeedbackSend)}</button>
                    </form>
                }
            >
                <div class="fr-alert fr-alert--success fr-alert--sm" role="status">
                    <p id="feedback-title">{i18n.t(Msg::FeedbackThanks)}</p>
                </div>
            </Show>
        </section>
    }
}
