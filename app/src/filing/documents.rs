//! The "Justificatifs et e-photo" step (SPEC §5.4): the documents the answers call for, grouped
//! as in the catalogue, each with its files (view, remove) and an upload with progress. The
//! shared rules (type from content, 10 MB, 3 files) are checked before sending, and again by
//! the server.

use leptos::prelude::*;

use super::fields::CatalogueField;
use super::wizard::{use_kept_input, use_step_save, StepNav, Wizard, WizardExits, EPHOTO_LOCATOR};
use super::{paths, JoinedFile};
use crate::components::forms::{ErrorSummary, FormErrors};
use crate::domain::catalogue::model::DocumentGroup;
use crate::domain::catalogue::{required_documents, DocumentRule, Step};
use crate::domain::files::{FileKind, MAX_FILES_PER_DOCUMENT};
use crate::domain::validation::{FieldErrors, ValidationError};
use crate::i18n::{use_i18n, Lang, Msg};

/// An upload's progress, while it runs.
#[component]
pub fn UploadProgress(progress: RwSignal<Option<u32>>) -> impl IntoView {
    let i18n = use_i18n();
    move || {
        progress.get().map(|percent| {
            view! { <p class="fr-text--sm">{i18n.fill(Msg::DocumentsUploading, &[("percent", &percent.to_string())])}</p> }
        })
    }
}

/// Files just joined (to an answer, a message, a correction), each with its "Supprimer".
#[component]
pub fn RemovableFiles(#[prop(into)] files: Signal<Vec<JoinedFile>>, on_remove: Callback<JoinedFile>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <ul class="joined-files">
            {move || files.get().into_iter().map(|file| {
                let (name, to_remove) = (file.name.clone(), file.clone());
                view! {
                    <li>
                        {file.name}" "
                        <button type="button" class="fr-btn fr-btn--tertiary-no-outline fr-btn--sm"
                            aria-label=format!("{} {name}", i18n.t(Msg::DocumentsRemove))
                            on:click=move |_| on_remove.run(to_remove.clone())>{i18n.t(Msg::DocumentsRemove)}</button>
                    </li>
                }
            }).collect_view()}
        </ul>
    }
}

/// The error key of a document (`documents.<code>`), shared with the server's answer.
pub fn document_key(code: &str) -> String {
    format!("documents.{code}")
}

#[component]
pub fn DocumentsStep(step: &'static Step) -> impl IntoView {
    let i18n = use_i18n();
    let lang = i18n.lang();
    let wizard = expect_context::<Wizard>();
    let applicant = wizard.draft.with_untracked(|d| d.applicant);
    let form = FormErrors::new();
    let documents = Memo::new(move |_| wizard.answers.with(|a| required_documents(wizard.procedure, a, &applicant)));
    let _ = use_kept_input(step);
    // Every required document must have a file before the step is saved.
    let missing_files = move |_: &crate::domain::catalogue::Answers| {
        let mut errors = FieldErrors::new();
        wizard.draft.with_untracked(|d| {
            for document in documents.get_untracked() {
                if !d.files.iter().any(|f| f.document == document.code) {
                    errors.add(document_key(document.code), ValidationError::Required);
                }
            }
        });
        if errors.is_empty() {
            Ok(())
        } else {
            Err(errors)
        }
    };
    let (save, pending, waiting) = use_step_save(step, form, missing_files);
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        save.run(());
    };
    let labels = move || {
        let mut labels: Vec<(String, String)> =
            documents.get_untracked().iter().map(|d| (document_key(d.code), d.label.get(lang).to_owned())).collect();
        labels.extend(step.fields.iter().map(|f| (f.id.to_owned(), f.label.get(lang).to_owned())));
        labels
    };
    let any_of = move |groups: &'static [DocumentGroup]| documents.with(|d| d.iter().any(|doc| groups.contains(&doc.group)));
    let group = move |group: DocumentGroup, heading: Option<Msg>| {
        view! {
            <Show when=move || documents.with(|d| d.iter().any(|doc| doc.group == group))>
                {match heading {
                    Some(title) => view! { <h2 class="fr-h4 fr-mt-4w">{i18n.t(title)}</h2> }.into_any(),
                    None => view! { <h3 class="fr-h6 fr-mt-3w documents-section">{group.heading().get(lang)}</h3> }.into_any(),
                }}
                <For
                    each=move || documents.get().into_iter().filter(move |d| d.group == group)
                    key=|d| d.code
                    children=move |document| view! { <DocumentUpload document form/> }
                />
            </Show>
        }
    };
    view! {
        <form on:submit=on_submit novalidate>
            <ErrorSummary form prefix="f" labels=vec![] texts=labels()/>
            <p>{i18n.t(Msg::PreambleFormats)}</p>
            <Show when=move || any_of(&DocumentGroup::PERSONAL)>
                <h2 class="fr-h4 fr-mt-4w">{i18n.t(Msg::DocumentsPersonal)}</h2>
            </Show>
            {DocumentGroup::PERSONAL.map(|sub| group(sub, None)).collect_view()}
            {group(DocumentGroup::Motive, Some(Msg::DocumentsMotive))}
            <h2 class="fr-h4 fr-mt-4w">{i18n.t(Msg::DocumentsEphotoTitle)}</h2>
            <p>{i18n.t(Msg::DocumentsEphotoTip)}</p>
            <p><a class="fr-link" href=EPHOTO_LOCATOR rel="external">{i18n.t(Msg::PreambleEphoto)}</a></p>
            {step.fields.iter().map(|field| view! { <CatalogueField field answers=wizard.answers errors=form applicant/> }).collect_view()}
            <StepNav step pending waiting/>
        </form>
        <WizardExits/>
    }
}

/// Size for people: "850 Ko", "2,4 Mo" (in English "850 KB", "2.4 MB").
fn human_size(bytes: i64, lang: Lang) -> String {
    let (kilo, mega) = match lang {
        Lang::Fr => ("Ko", "Mo"),
        Lang::En => ("KB", "MB"),
    };
    if bytes < 1024 * 1024 {
        format!("{} {kilo}", (bytes + 1023) / 1024)
    } else {
        let size = format!("{:.1} {mega}", bytes as f64 / (1024.0 * 1024.0));
        if lang == Lang::Fr {
            size.replace('.', ",")
        } else {
            size
        }
    }
}

/// One document: its description, its files and the upload.
#[component]
fn DocumentUpload(document: &'static DocumentRule, form: FormErrors) -> impl IntoView {
    let i18n = use_i18n();
    let lang = i18n.lang();
    let wizard = expect_context::<Wizard>();
    let key = document_key(document.code);
    let input_id = format!("upload-{}", document.code);
    let error = form.field_named(key.clone());
    let problem = RwSignal::new(None::<String>);
    let progress = RwSignal::new(None::<u32>);
    let announcement = RwSignal::new(String::new());
    let files = Memo::new(move |_| {
        wizard.draft.with(|d| d.files.iter().filter(|f| f.document == document.code).cloned().collect::<Vec<JoinedFile>>())
    });
    let full = move || files.with(|f| f.len() as u32 >= MAX_FILES_PER_DOCUMENT);
    let shown_error = move || problem.get().or_else(|| error.get());
    let error_id = format!("{input_id}-error");
    let hint_id = format!("{input_id}-hint");

    let on_change = move |ev: leptos::ev::Event| {
        problem.set(None);
        #[cfg(feature = "hydrate")]
        {
            let Some(file) = upload::picked_file(&ev) else { return };
            let joined = files.with_untracked(|f| f.len() as u32);
            let on_joined = Callback::new(move |joined: JoinedFile| {
                wizard.draft.update(|d| {
                    d.files.push(joined);
                    d.recap_validated.retain(|p| p != crate::domain::catalogue::common::DOCUMENTS_STEP.id);
                })
            });
            let on_conflict = Callback::new(move |()| wizard.conflict.set(true));
            let target = upload::Target { url: super::paths::documents(&wizard.id(), document.code) };
            upload::send(i18n, target, file, joined, upload::Feedback { problem, progress, announcement }, on_joined, on_conflict);
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = (ev, &progress, &announcement);
    };

    let remove = move |file: JoinedFile| {
        problem.set(None);
        #[cfg(feature = "hydrate")]
        upload::remove(
            i18n,
            super::paths::joined_file(&wizard.id(), file.id),
            file,
            problem,
            announcement,
            Callback::new(move |id: i32| {
                wizard.draft.update(|d| {
                    d.files.retain(|f| f.id != id);
                    d.recap_validated.retain(|p| p != crate::domain::catalogue::common::DOCUMENTS_STEP.id);
                })
            }),
        );
        #[cfg(not(feature = "hydrate"))]
        let _ = file;
    };

    view! {
        <section class="fr-mb-3w document-upload" id=format!("f-{key}") tabindex="-1" aria-labelledby=format!("{input_id}-title")>
            <h3 class="fr-h6 fr-mb-1w" id=format!("{input_id}-title")>{document.label.get(lang)}" *"</h3>
            <p class="fr-text--sm fr-mb-1w">{document.description.get(lang)}</p>
            <div class="fr-upload-group" class:fr-upload-group--error=move || shown_error().is_some()>
                <label class="fr-label" for=input_id.clone()>
                    {i18n.t(Msg::DocumentsAdd)}" – "{document.label.get(lang)}
                    <span class="fr-hint-text" id=hint_id.clone()>{i18n.t(Msg::PreambleFormats)}</span>
                </label>
                <input
                    class="fr-upload"
                    type="file"
                    id=input_id.clone()
                    accept=FileKind::ACCEPT
                    disabled=move || full() || progress.get().is_some()
                    aria-describedby=move || if shown_error().is_some() { format!("{hint_id} {error_id}") } else { hint_id.clone() }
                    on:change=on_change
                />
                {
                    let error_id = format!("{input_id}-error");
                    move || shown_error().map(|message| view! { <p class="fr-error-text" id=error_id.clone()>{message}</p> })
                }
                <Show when=full>
                    <p class="fr-info-text">{i18n.t(Msg::DocumentsFull)}</p>
                </Show>
            </div>
            {move || progress.get().map(|percent| view! {
                <div class="upload-progress">
                    <progress max="100" value=percent aria-label=i18n.t(Msg::DocumentsAdd)></progress>
                    <span>{i18n.fill(Msg::DocumentsUploading, &[("percent", &percent.to_string())])}</span>
                </div>
            })}
            <p class="fr-sr-only" role="status" aria-live="polite">{move || announcement.get()}</p>
            <ul class="joined-files">
                <For
                    each=move || files.get()
                    key=|f| f.id
                    children=move |file| {
                        let href = paths::joined_file(&wizard.id(), file.id);
                        let name = file.name.clone();
                        let size = human_size(file.size, lang);
                        let to_remove = file.clone();
                        view! {
                            <li>
                                <a class="fr-link" href=href target="_blank" rel="external noopener"
                                    title=format!("{} {} – nouvelle fenêtre", i18n.t(Msg::DocumentsView), name)>
                                    {name.clone()}
                                </a>
                                <span class="fr-text--xs">" ("{size}") "</span>
                                <button type="button" class="fr-btn fr-btn--tertiary-no-outline fr-btn--sm"
                                    aria-label=format!("{} {}", i18n.t(Msg::DocumentsRemove), name)
                                    on:click=move |_| remove(to_remove.clone())>
                                    {i18n.t(Msg::DocumentsRemove)}
                                </button>
                            </li>
                        }
                    }
                />
            </ul>
        </section>
    }
}

/// The browser side of uploads: checks with the shared rules, then an XMLHttpRequest (the
/// fetch API cannot report upload progress). Used by the wizard and by the answer to a
/// complementary-document request.
#[cfg(feature = "hydrate")]
pub mod upload {
    use leptos::prelude::*;
    use leptos::task::spawn_local;
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::JsCast;

    use super::super::JoinedFile;
    use crate::domain::files::{check_upload, SNIFF_BYTES};
    use crate::error::AppError;
    use crate::i18n::{I18n, Msg};

    /// Where a file goes: the address it is posted to (its name is added), e.g.
    /// [`paths::documents`] or a message thread's.
    pub struct Target {
        pub url: String,
    }

    /// What the page shows while and after sending.
    #[derive(Clone, Copy)]
    pub struct Feedback {
        pub problem: RwSignal<Option<String>>,
        pub progress: RwSignal<Option<u32>>,
        pub announcement: RwSignal<String>,
    }

    /// The file the person just picked in `ev`'s file input; the input is emptied so that
    /// picking the same file again (after a refusal) fires again.
    pub fn picked_file(ev: &leptos::ev::Event) -> Option<web_sys::File> {
        let input = ev.target()?.dyn_into::<web_sys::HtmlInputElement>().ok()?;
        let file = input.files()?.get(0)?;
        input.set_value("");
        Some(file)
    }

    async fn head_of(file: &web_sys::File) -> Vec<u8> {
        let Ok(slice) = file.slice_with_i32_and_i32(0, SNIFF_BYTES as i32) else { return Vec::new() };
        match wasm_bindgen_futures::JsFuture::from(slice.array_buffer()).await {
            Ok(buffer) => js_sys::Uint8Array::new(&buffer).to_vec(),
            Err(_) => Vec::new(),
        }
    }

    /// The message of a failed request: the server's error if it sent one.
    fn failure(i18n: I18n, status: u16, body: &str) -> String {
        match serde_json::from_str::<AppError>(body) {
            Ok(AppError::Validation(errors)) => errors.0.first().map(|e| i18n.validation(&e.error)).unwrap_or_default(),
            Ok(error) => error.message(i18n.lang()).to_owned(),
            Err(_) if status == 413 => i18n.validation(&crate::domain::validation::ValidationError::FileTooLarge { max_mb: 10 }),
            Err(_) => i18n.t(Msg::DocumentsUploadFailed).to_owned(),
        }
    }

    pub fn send(
        i18n: I18n,
        target: Target,
        file: web_sys::File,
        joined: u32,
        feedback: Feedback,
        on_joined: Callback<JoinedFile>,
        on_conflict: Callback<()>,
    ) {
        let Feedback { problem, progress, announcement } = feedback;
        spawn_local(async move {
            let head = head_of(&file).await;
            if let Err(error) = check_upload(file.size() as u64, &head, joined) {
                problem.set(Some(i18n.validation(&error)));
                return;
            }
            let Ok(xhr) = web_sys::XmlHttpRequest::new() else { return };
            let name = file.name();
            let url = format!("{}?nom={}", target.url, crate::layout::url_encode(&name));
            if xhr.open_with_async("POST", &url, true).is_err() {
                return;
            }
            let _ = xhr.set_request_header("content-type", "application/octet-stream");
            progress.set(Some(0));
            if let Ok(upload) = xhr.upload() {
                let on_progress = Closure::<dyn Fn(web_sys::ProgressEvent)>::new(move |ev: web_sys::ProgressEvent| {
                    if ev.length_computable() && ev.total() > 0.0 {
                        progress.set(Some(((ev.loaded() / ev.total()) * 100.0).round() as u32));
                    }
                });
                upload.set_onprogress(Some(on_progress.as_ref().unchecked_ref()));
                on_progress.forget();
            }
            let done_xhr = xhr.clone();
            let on_done = Closure::<dyn Fn()>::new(move || {
                progress.set(None);
                let status = done_xhr.status().unwrap_or(0);
                let body = done_xhr.response_text().ok().flatten().unwrap_or_default();
                match (status, serde_json::from_str::<JoinedFile>(&body)) {
                    (201, Ok(joined)) => {
                        announcement.set(i18n.fill(Msg::DocumentsUploaded, &[("name", &joined.name)]));
                        on_joined.run(joined);
                    }
                    (0, _) => problem.set(Some(i18n.t(Msg::DocumentsUploadFailed).to_owned())),
                    (status, _) => {
                        if status == 409 {
                            on_conflict.run(());
                        }
                        problem.set(Some(failure(i18n, status, &body)));
                    }
                }
            });
            xhr.set_onloadend(Some(on_done.as_ref().unchecked_ref()));
            on_done.forget();
            if xhr.send_with_opt_blob(Some(&file)).is_err() {
                progress.set(None);
                problem.set(Some(i18n.t(Msg::DocumentsUploadFailed).to_owned()));
            }
        });
    }

    /// Removes the file at `url` (its own address).
    pub fn remove(
        i18n: I18n,
        url: String,
        file: JoinedFile,
        problem: RwSignal<Option<String>>,
        announcement: RwSignal<String>,
        on_removed: Callback<i32>,
    ) {
        let Ok(xhr) = web_sys::XmlHttpRequest::new() else { return };
        if xhr.open_with_async("DELETE", &url, true).is_err() {
            return;
        }
        let done_xhr = xhr.clone();
        let on_done = Closure::<dyn Fn()>::new(move || {
            let status = done_xhr.status().unwrap_or(0);
            if status == 204 || status == 404 {
                announcement.set(i18n.fill(Msg::DocumentsRemoved, &[("name", &file.name)]));
                on_removed.run(file.id);
            } else {
                let body = done_xhr.response_text().ok().flatten().unwrap_or_default();
                problem.set(Some(failure(i18n, status, &body)));
            }
        });
        xhr.set_onloadend(Some(on_done.as_ref().unchecked_ref()));
        on_done.forget();
        if xhr.send().is_err() {
            problem.set(Some(i18n.t(Msg::DocumentsUploadFailed).to_owned()));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::human_size;
    use crate::i18n::Lang;

    #[test]
    fn sizes_are_shown_in_the_page_language() {
        assert_eq!(human_size(1000, Lang::Fr), "1 Ko");
        assert_eq!(human_size(2_500_000, Lang::Fr), "2,4 Mo");
        assert_eq!(human_size(2_500_000, Lang::En), "2.4 MB");
    }
}
