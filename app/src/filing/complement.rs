//! The applicant's answer to a complementary-document request (SPEC §6): for each document,
//! "Maintenir le document" with a justification (the original can be viewed) or "Joindre un
//! nouveau document" (same upload rules as the wizard), an optional message, "Valider et
//! envoyer", and the days left before the deadline.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_params_map;

use super::documents::{RemovableFiles, UploadProgress};
use super::{answer_complement, load_complement, paths, ComplementItemView, ComplementView, JoinedFile};
use crate::accounts::paths as account_paths;
use crate::components::alert::ErrorAlert;
use crate::components::forms::{ErrorSummary, FormErrors};
use crate::domain::complement::{key, validate_answer, DocumentAnswer, TEXT_MAX};
use crate::domain::files::{FileKind, MAX_FILES_PER_DOCUMENT};
use crate::i18n::{use_i18n, Msg};
use crate::procedures::ApplicantPage;

pub fn path(id: &str) -> String {
    format!("/demarches/demande/{id}/complement")
}

#[component]
pub fn ComplementPage() -> impl IntoView {
    let params = use_params_map();
    let id = Memo::new(move |_| params.read().get("id").unwrap_or_default());
    let data = Resource::new(move || id.get(), load_complement);
    view! {
        <ApplicantPage title=Msg::ComplementTitle return_to=account_paths::PROCEDURES trail=vec![(Msg::ProceduresTitle, account_paths::PROCEDURES)]>
            <Suspense fallback=|| ()>
                {move || data.get().map(|loaded| match loaded {
                    Ok(request) => view! { <ComplementForm id=id.get_untracked() request/> }.into_any(),
                    Err(error) => view! {
                        <ErrorAlert error/>
                    }.into_any(),
                })}
            </Suspense>
        </ApplicantPage>
    }
}

/// What the applicant chose for one document.
#[derive(Clone, Copy)]
struct Choice {
    keep: RwSignal<Option<bool>>,
    justification: RwSignal<String>,
    new_files: RwSignal<Vec<JoinedFile>>,
}

#[component]
fn ComplementForm(id: String, request: ComplementView) -> impl IntoView {
    let i18n = use_i18n();
    let form = FormErrors::new();
    let message = RwSignal::new(String::new());
    let sent = RwSignal::new(request.answered);
    let pending = RwSignal::new(false);
    let choices: Vec<(ComplementItemView, Choice)> = request
        .items
        .iter()
        .cloned()
        .map(|item| {
            let choice = Choice {
                keep: RwSignal::new(item.answer.as_deref().map(|a| a == "maintenu")),
                justification: RwSignal::new(item.justification.clone().unwrap_or_default()),
                new_files: RwSignal::new(item.new_files.clone()),
            };
            (item, choice)
        })
        .collect();
    let choices = StoredValue::new(choices);
    let labels: Vec<(String, String)> = request.items.iter().map(|i| (key(&i.document), i.label.clone())).collect();
    let id = StoredValue::new(id);

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let (requested, answers, counts) = choices.with_value(|all| {
            let requested: Vec<String> = all.iter().map(|(item, _)| item.document.clone()).collect();
            let answers: Vec<DocumentAnswer> = all
                .iter()
                .filter_map(|(item, c)| {
                    c.keep.get_untracked().map(|keep| DocumentAnswer {
                        document: item.document.clone(),
                        keep,
                        justification: keep.then(|| c.justification.get_untracked()),
                    })
                })
                .collect();
            let counts: Vec<(String, usize)> =
                all.iter().map(|(item, c)| (item.document.clone(), c.new_files.with_untracked(Vec::len))).collect();
            (requested, answers, counts)
        });
        let requested_refs: Vec<&str> = requested.iter().map(String::as_str).collect();
        let new_files = |document: &str| counts.iter().find(|(d, _)| d == document).map(|(_, n)| *n).unwrap_or(0);
        if let Err(errors) = validate_answer(&requested_refs, &answers, new_files) {
            form.show_fields(errors);
            return;
        }
        form.clear();
        pending.set(true);
        let text = Some(message.get_untracked()).filter(|m| !m.trim().is_empty());
        spawn_local(async move {
            let result = answer_complement(id.get_value(), answers, text).await;
            pending.set(false);
            match result {
                Ok(()) => sent.set(true),
                Err(error) => form.show(error),
            }
        });
    };

    let days = request.days_left;
    view! {
        <div class="fr-callout fr-mb-3w">
            <p class="fr-callout__text">
                {i18n.fill(Msg::ComplementDeadline, &[("requested", &request.requested_on), ("deadline", &request.deadline_on)])}
            </p>
            <p class="fr-callout__text fr-text--bold">
                {if days >= 0 { i18n.fill(Msg::ComplementDaysLeft, &[("days", &days.to_string())]) } else { i18n.t(Msg::ComplementLate).to_owned() }}
            </p>
        </div>
        <Show when=move || sent.get() fallback=move || {
            let labels = labels.clone();
            view! {
                <form on:submit=on_submit novalidate>
                    <ErrorSummary form prefix="f" labels=vec![] texts=labels/>
                    {choices.with_value(|all| all.iter().map(|(item, choice)| view! {
                        <RequestedDocumentAnswer application=id.get_value() item=item.clone() choice=*choice form/>
                    }).collect_view())}
                    <div class="fr-input-group">
                        <label class="fr-label" for="complement-message">{i18n.t(Msg::ComplementMessage)}
                            <span class="fr-hint-text">{i18n.t(Msg::RecapObservationsHint)}</span></label>
                        <textarea class="fr-input" id="complement-message" rows="3" maxlength=TEXT_MAX
                            prop:value=move || message.get() on:input=move |ev| message.set(event_target_value(&ev))></textarea>
                    </div>
                    <ul class="fr-btns-group fr-btns-group--inline-md">
                        <li><button type="submit" class="fr-btn" disabled=move || pending.get()>{i18n.t(Msg::ComplementSend)}</button></li>
                        <li><a class="fr-btn fr-btn--secondary" href=account_paths::PROCEDURES>{i18n.t(Msg::ConfirmationBack)}</a></li>
                    </ul>
                </form>
            }
        }>
            <div class="fr-alert fr-alert--success fr-mb-3w" role="status">
                <p>{i18n.t(Msg::ComplementSent)}</p>
            </div>
            <a class="fr-btn" href=account_paths::PROCEDURES>{i18n.t(Msg::ConfirmationBack)}</a>
        </Show>
    }
}

#[component]
fn RequestedDocumentAnswer(application: String, item: ComplementItemView, choice: Choice, form: FormErrors) -> impl IntoView {
    let i18n = use_i18n();
    let document = item.document.clone();
    let name = format!("answer-{document}");
    let error = form.field_named(key(&document));
    let problem = RwSignal::new(None::<String>);
    let progress = RwSignal::new(None::<u32>);
    let announcement = RwSignal::new(String::new());
    let application = StoredValue::new(application);
    let keep_id = format!("{name}-keep");
    let new_id = format!("{name}-new");
    let justification_id = format!("{name}-justification");
    let upload_id = format!("{name}-upload");
    let full = move || choice.new_files.with(|f| f.len() as u32 >= MAX_FILES_PER_DOCUMENT);
    let document_code = StoredValue::new(document.clone());

    let on_change = move |ev: leptos::ev::Event| {
        problem.set(None);
        #[cfg(feature = "hydrate")]
        {
            use super::documents::upload;
            let Some(file) = upload::picked_file(&ev) else { return };
            let joined = choice.new_files.with_untracked(|f| f.len() as u32);
            let target = upload::Target { url: super::paths::documents(&application.get_value(), &document_code.get_value()) };
            let on_joined = Callback::new(move |file: JoinedFile| choice.new_files.update(|f| f.push(file)));
            upload::send(
                i18n,
                target,
                file,
                joined,
                upload::Feedback { problem, progress, announcement },
                on_joined,
                Callback::new(|()| {}),
            );
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = (ev, &progress, &announcement, &application, &document_code);
    };
    let remove = move |file: JoinedFile| {
        #[cfg(feature = "hydrate")]
        super::documents::upload::remove(
            i18n,
            super::paths::joined_file(&application.get_value(), file.id),
            file,
            problem,
            announcement,
            Callback::new(move |id: i32| choice.new_files.update(|f| f.retain(|x| x.id != id))),
        );
        #[cfg(not(feature = "hydrate"))]
        let _ = file;
    };
    let originals = item.originals.clone();
    view! {
        <fieldset class="fr-fieldset complement-item" id=format!("f-{}", key(&document)) tabindex="-1"
            class:fr-fieldset--error=move || error.with(Option::is_some)>
            <legend class="fr-fieldset__legend">{item.label.clone()}</legend>
            <div class="fr-fieldset__element">
                <p class="fr-mb-1w"><strong>{i18n.t(Msg::ComplementReason)}</strong>" "{item.reason.clone()}</p>
                <p class="fr-text--sm">
                    {i18n.t(Msg::ComplementOriginal)}" "
                    {originals.iter().map(|f| view! {
                        <a class="fr-link fr-mr-2w" href=paths::joined_file(&application.get_value(), f.id) target="_blank" rel="external noopener"
                            title=format!("{} – nouvelle fenêtre", f.name)>{f.name.clone()}</a>
                    }).collect_view()}
                </p>
            </div>
            <div class="fr-fieldset__element">
                <div class="fr-radio-group">
                    <input type="radio" id=keep_id.clone() name=name.clone() prop:checked=move || choice.keep.get() == Some(true)
                        on:change=move |_| choice.keep.set(Some(true))/>
                    <label class="fr-label" for=keep_id>{i18n.t(Msg::ComplementKeep)}</label>
                </div>
            </div>
            <div class="fr-fieldset__element">
                <div class="fr-radio-group">
                    <input type="radio" id=new_id.clone() name=name.clone() prop:checked=move || choice.keep.get() == Some(false)
                        on:change=move |_| choice.keep.set(Some(false))/>
                    <label class="fr-label" for=new_id>{i18n.t(Msg::ComplementReplace)}</label>
                </div>
            </div>
            <Show when=move || choice.keep.get() == Some(true)>
                <div class="fr-fieldset__element fr-input-group">
                    <label class="fr-label" for=justification_id.clone()>{i18n.t(Msg::ComplementJustification)}" *"</label>
                    <textarea class="fr-input" id=justification_id.clone() rows="3" maxlength=TEXT_MAX
                        prop:value=move || choice.justification.get() on:input=move |ev| choice.justification.set(event_target_value(&ev))></textarea>
                </div>
            </Show>
            <Show when=move || choice.keep.get() == Some(false)>
                <div class="fr-fieldset__element fr-upload-group">
                    <label class="fr-label" for=upload_id.clone()>{i18n.t(Msg::DocumentsAdd)}
                        <span class="fr-hint-text">{i18n.t(Msg::PreambleFormats)}</span></label>
                    <input class="fr-upload" type="file" id=upload_id.clone() accept=FileKind::ACCEPT
                        disabled=move || full() || progress.get().is_some() on:change=on_change/>
                    <UploadProgress progress/>
                    <RemovableFiles files=choice.new_files on_remove=Callback::new(remove)/>
                </div>
            </Show>
            <div class="fr-messages-group" aria-live="polite">
                {move || problem.get().or_else(|| error.get()).map(|m| view! { <p class="fr-error-text">{m}</p> })}
            </div>
            <p class="fr-sr-only" role="status" aria-live="polite">{move || announcement.get()}</p>
        </fieldset>
    }
}
