//! `/compte/demandes/:id/correction`: the applicant corrects an answer or adds a document, on
//! their own until the file is taken in charge, or because the agent sent it back. The same
//! fields and checks as the wizard; the documents joined here are listed apart until sent.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_params_map;

use super::{load_correction, send_correction, CorrectionView};
use crate::components::alert::ErrorAlert;
use crate::components::forms::{ErrorSummary, FormErrors, SubmitButton};
use crate::domain::catalogue::{self, required_documents, validate_step, DocumentRule, Procedure};
use crate::domain::corrections::{editable_steps, may_correct};
use crate::domain::files::FileKind;
use crate::domain::lifecycle::FileStatus;
use crate::domain::validation::FieldErrors;
use crate::filing::documents::{RemovableFiles, UploadProgress};
use crate::filing::fields::CatalogueField;
use crate::filing::{paths as filing_paths, JoinedFile};
use crate::i18n::{use_i18n, Msg};
use crate::procedures::ApplicantPage;

#[component]
pub fn CorrectionPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let id = Memo::new(move |_| params.read().get("id").unwrap_or_default());
    let data = Resource::new(move || id.get(), load_correction);
    let account = crate::domain::notifications::paths::ACCOUNT;
    view! {
        <ApplicantPage title=Msg::CorrectionTitle return_to=account trail=vec![(Msg::AccountTitle, account)]>
            <Suspense fallback=move || view! { <p>{i18n.t(Msg::Loading)}</p> }>
                {move || data.get().map(|loaded| match loaded {
                    Ok(view) => match catalogue::procedure(&view.procedure) {
                        Some(procedure) => view! { <Correction view procedure/> }.into_any(),
                        None => view! { <ErrorAlert error=crate::error::AppError::NotFound/> }.into_any(),
                    },
                    Err(error) => view! { <ErrorAlert error/> }.into_any(),
                })}
            </Suspense>
        </ApplicantPage>
    }
}

#[component]
fn Correction(view: CorrectionView, procedure: &'static Procedure) -> impl IntoView {
    let i18n = use_i18n();
    let lang = i18n.lang();
    let data = RwSignal::new(view.clone());
    let answers = RwSignal::new(view.answers.clone());
    let applicant = view.applicant;
    let form = FormErrors::new();
    let pending = RwSignal::new(false);
    let sent = RwSignal::new(false);
    let id = StoredValue::new(view.id.clone());

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        sent.set(false);
        // The wizard's own checks, step by step, before the round trip.
        let mut errors = FieldErrors::new();
        answers.with_untracked(|a| {
            for step in editable_steps(procedure) {
                if let Err(step_errors) = validate_step(step, a, &applicant) {
                    errors.0.extend(step_errors.0);
                }
            }
        });
        if !errors.is_empty() {
            form.show_fields(errors);
            return;
        }
        form.clear();
        pending.set(true);
        let (version, sent_answers) = (data.with_untracked(|d| d.version), answers.get_untracked());
        spawn_local(async move {
            let result = send_correction(id.get_value(), version, sent_answers).await;
            pending.set(false);
            match result {
                Ok(updated) => {
                    answers.set(updated.answers.clone());
                    data.set(updated);
                    sent.set(true);
                }
                Err(error) => form.show(error),
            }
        });
    };
    let labels: Vec<(String, String)> =
        editable_steps(procedure).flat_map(|s| s.fields.iter()).map(|f| (f.id.to_owned(), f.label.get(lang).to_owned())).collect();
    let submit = if view.status == FileStatus::CorrectionDemandee { Msg::CorrectionResubmit } else { Msg::CorrectionSend };
    let intro = move || {
        data.with(|d| match d.status {
            FileStatus::CorrectionDemandee => i18n.t(Msg::CorrectionAskedIntro),
            _ => i18n.t(Msg::CorrectionOwnIntro),
        })
    };
    view! {
        <p>{move || data.with(|d| i18n.fill(Msg::CorrectionFile, &[("number", &d.file_number), ("procedure", procedure.title.get(lang))]))}</p>
        <p>{intro}</p>
        {move || sent.get().then(|| view! {
            <div class="fr-alert fr-alert--success fr-mb-3w" role="status">
                <p>{move || data.with(|d| if may_correct(d.status) { i18n.t(Msg::CorrectionSaved) } else { i18n.t(Msg::CorrectionResubmitted) })}</p>
            </div>
        })}
        {move || data.with(|d| (!d.requested.is_empty() && d.status == FileStatus::CorrectionDemandee).then(|| view! {
            <div class="fr-callout fr-mb-3w correction-requested">
                <h2 class="fr-callout__title">{i18n.t(Msg::CorrectionRequestedTitle)}</h2>
                <ul class="fr-callout__text">
                    {d.requested.iter().map(|item| view! {
                        <li><strong>{item.label.clone()}</strong>" – "{item.reason.label().get(lang)}
                            {(!item.comment.is_empty()).then(|| format!(" : {}", item.comment))}</li>
                    }).collect_view()}
                </ul>
            </div>
        }))}
        <Show
            when=move || data.with(|d| may_correct(d.status))
            fallback=move || view! { <p class="fr-alert fr-alert--info fr-alert--sm">{i18n.t(Msg::CorrectionClosed)}</p> }
        >
            <form on:submit=on_submit novalidate>
                <ErrorSummary form prefix="f" labels=vec![] texts=labels.clone()/>
                <p class="fr-text--sm">{i18n.t(Msg::RequiredFieldsNote)}</p>
                {editable_steps(procedure).map(|step| view! {
                    <fieldset class="fr-fieldset correction-step">
                        <legend class="fr-fieldset__legend fr-h5">{step.title.get(lang)}</legend>
                        <div class="fr-fieldset__element">
                            {step.fields.iter().map(|field| view! { <CatalogueField field answers errors=form applicant/> }).collect_view()}
                        </div>
                    </fieldset>
                }).collect_view()}
                <h2 class="fr-h5">{i18n.t(Msg::CorrectionDocuments)}</h2>
                <p class="fr-text--sm">{i18n.t(Msg::CorrectionDocumentsHint)}</p>
                {move || {
                    let rules = answers.with(|a| required_documents(procedure, a, &applicant));
                    rules.into_iter().map(|rule| view! { <DocumentAdd rule data/> }).collect_view()
                }}
                <SubmitButton label=i18n.t(submit) pending/>
            </form>
        </Show>
        {move || data.with(|d| (!d.changes.is_empty()).then(|| view! {
            <h2 class="fr-h5 fr-mt-4w">{i18n.t(Msg::CorrectionHistory)}</h2>
            <super::ChangeList changes=d.changes.clone() class="correction-changes"/>
            <p><a class="fr-link fr-link--download" href=filing_paths::issued(&d.id, super::ADDENDUM) rel="external" download>
                {i18n.t(Msg::IssuedAddendum)}
            </a></p>
        }))}
    }
}

/// A document of the file: how many files it has, and a file input to add one; the files
/// added since filing can be removed until the corrections are sent.
#[component]
fn DocumentAdd(rule: &'static DocumentRule, data: RwSignal<CorrectionView>) -> impl IntoView {
    let i18n = use_i18n();
    let problem = RwSignal::new(None::<String>);
    let progress = RwSignal::new(None::<u32>);
    let announcement = RwSignal::new(String::new());
    let input_id = format!("ajout-{}", rule.code);
    let files = move || data.with(|d| d.files.iter().filter(|f| f.document == rule.code).cloned().collect::<Vec<_>>());
    let on_change = move |ev: leptos::ev::Event| {
        problem.set(None);
        #[cfg(feature = "hydrate")]
        {
            use crate::filing::documents::upload;
            let Some(file) = upload::picked_file(&ev) else { return };
            let joined = files().len() as u32;
            let url = filing_paths::documents(&data.with_untracked(|d| d.id.clone()), rule.code);
            let on_joined = Callback::new(move |joined: JoinedFile| {
                data.update(|d| {
                    d.added.push(joined.id);
                    d.files.push(joined);
                })
            });
            let feedback = upload::Feedback { problem, progress, announcement };
            upload::send(i18n, upload::Target { url }, file, joined, feedback, on_joined, Callback::new(|()| {}));
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = (ev, &progress, &announcement);
    };
    let remove = move |file: JoinedFile| {
        #[cfg(feature = "hydrate")]
        crate::filing::documents::upload::remove(
            i18n,
            filing_paths::joined_file(&data.with_untracked(|d| d.id.clone()), file.id),
            file,
            problem,
            announcement,
            Callback::new(move |removed: i32| {
                data.update(|d| {
                    d.files.retain(|f| f.id != removed);
                    d.added.retain(|id| *id != removed);
                })
            }),
        );
        #[cfg(not(feature = "hydrate"))]
        let _ = file;
    };
    view! {
        <div class="fr-upload-group fr-mb-3w correction-document">
            <label class="fr-label" for=input_id.clone()>{rule.label.get(i18n.lang())}
                <span class="fr-hint-text">{move || i18n.fill(Msg::CorrectionFilesCount, &[("count", &files().len().to_string())])}</span>
            </label>
            <input class="fr-upload" type="file" id=input_id accept=FileKind::ACCEPT disabled=move || progress.get().is_some() on:change=on_change/>
            <UploadProgress progress/>
            <RemovableFiles files=Signal::derive(move || data.with(|d| d.files.iter().filter(|f| f.document == rule.code && d.added.contains(&f.id)).cloned().collect()))
                on_remove=Callback::new(remove)/>
            <div class="fr-messages-group" aria-live="polite">
                {move || problem.get().map(|m| view! { <p class="fr-error-text">{m}</p> })}
            </div>
            <p class="fr-sr-only" role="status" aria-live="polite">{move || announcement.get()}</p>
        </div>
    }
}
