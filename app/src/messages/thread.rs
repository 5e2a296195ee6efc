//! The thread's pages: the applicant's ("Messagerie" of one file, from the account) and the
//! section of the agent's file page. Both list the messages oldest first and end with the form
//! to write, attachments uploaded with progress before sending.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_params_map;

use super::{agent_send_message, load_thread, paths, send_message, MessageView, ThreadView};
use crate::components::alert::ErrorAlert;
use crate::components::forms::{ErrorSummary, FormErrors, SubmitButton, TextInput};
use crate::domain::catalogue;
use crate::domain::files::FileKind;
use crate::domain::messages::{self, fields, Author, BODY_MAX, MAX_ATTACHMENTS};
use crate::error::AppError;
use crate::filing::documents::{RemovableFiles, UploadProgress};
use crate::filing::JoinedFile;
use crate::i18n::{use_i18n, Msg};
use crate::procedures::ApplicantPage;

/// A thread loaded for a page (created at the page's top so that it hydrates).
pub type ThreadResource = Resource<Result<ThreadView, AppError>>;

/// `/compte/demandes/:id/messages`: the applicant's thread of one filed file.
#[component]
pub fn MessagesPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let id = Memo::new(move |_| params.read().get("id").unwrap_or_default());
    let thread = Resource::new(move || id.get(), load_thread);
    let account = crate::domain::notifications::paths::ACCOUNT;
    view! {
        <ApplicantPage title=Msg::MessagesTitle return_to=account trail=vec![(Msg::AccountTitle, account)]>
            <Suspense fallback=move || view! { <p>{i18n.t(Msg::Loading)}</p> }>
                {move || thread.get().map(|loaded| match loaded {
                    Ok(view) => view! { <Thread thread=view side=Author::Applicant/> }.into_any(),
                    Err(error) => view! { <ErrorAlert error/> }.into_any(),
                })}
            </Suspense>
        </ApplicantPage>
    }
}

/// The thread's section of the agent's file page.
#[component]
pub fn ThreadSection(thread: ThreadResource) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="fr-mt-4w" aria-labelledby="thread-title">
            <h2 class="fr-h4" id="thread-title">{i18n.t(Msg::MessagesTitle)}</h2>
            <Suspense fallback=|| ()>
                {move || thread.get().map(|loaded| match loaded {
                    Ok(view) => view! { <Thread thread=view side=Author::Agent/> }.into_any(),
                    Err(error) => view! { <ErrorAlert error/> }.into_any(),
                })}
            </Suspense>
        </section>
    }
}

/// Where `side` posts, reads and removes the thread's files.
fn files_base(side: Author, id: &str) -> String {
    match side {
        Author::Applicant => paths::applicant_files(id),
        Author::Agent => paths::agent_files(id),
    }
}

#[component]
fn Thread(thread: ThreadView, side: Author) -> impl IntoView {
    let i18n = use_i18n();
    let lang = i18n.lang();
    let procedure = catalogue::procedure(&thread.procedure).map(|p| p.title.get(lang)).unwrap_or_default();
    let intro = i18n.fill(Msg::MessagesIntro, &[("number", &thread.file_number), ("procedure", procedure)]);
    let base = files_base(side, &thread.id);
    let open = thread.open;
    let messages = RwSignal::new(thread.messages.clone());
    let thread = StoredValue::new(thread);
    let list = move || {
        let base = base.clone();
        messages.with(|all| {
            if all.is_empty() {
                return view! { <p class="thread__empty">{i18n.t(Msg::MessagesNone)}</p> }.into_any();
            }
            view! {
                <ol class="thread">
                    {all.iter().map(|message| view! { <Message message=message.clone() side base=base.clone()/> }).collect_view()}
                </ol>
            }
            .into_any()
        })
    };
    view! {
        <p>{intro}</p>
        {(side == Author::Applicant).then(|| view! { <p class="fr-text--sm">{i18n.t(Msg::MessagesApplicantHint)}</p> })}
        {list}
        {if open {
            view! { <MessageForm thread side messages/> }.into_any()
        } else {
            view! { <p class="fr-alert fr-alert--info fr-alert--sm thread__closed">{i18n.t(Msg::MessagesClosed)}</p> }.into_any()
        }}
    }
}

#[component]
fn Message(message: MessageView, side: Author, base: String) -> impl IntoView {
    let i18n = use_i18n();
    let mine = message.author == side;
    let heading = format!("{} – {}", message.author_name, message.at);
    let awaiting = message.awaiting_until.clone().map(|day| {
        let (class, text) = if message.answered {
            ("fr-badge fr-badge--sm fr-badge--success", i18n.fill(Msg::MessagesAnswered, &[("day", &day)]))
        } else {
            ("fr-badge fr-badge--sm fr-badge--warning", i18n.fill(Msg::MessagesAwaiting, &[("day", &day)]))
        };
        view! { <p class=class>{text}</p> }
    });
    // The writer sees whether the other side opened it.
    let read = mine.then(|| {
        let text = if message.read { Msg::MessagesRead } else { Msg::MessagesNotRead };
        view! { <p class="fr-text--xs thread__read">{i18n.t(text)}</p> }
    });
    let attachments = (!message.attachments.is_empty()).then(|| {
        view! {
            <ul class="thread__attachments">
                {message.attachments.iter().map(|file| if file.held_for_scan {
                    // Not opened until a virus scan clears it.
                    view! {
                        <li>{file.name.clone()}" "<span class="fr-badge fr-badge--sm fr-badge--warning">{i18n.t(Msg::FileHeldForScan)}</span></li>
                    }.into_any()
                } else {
                    view! {
                        <li><a class="fr-link fr-link--download" href=paths::file(&base, file.id) rel="external" download=file.name.clone()>
                            {file.name.clone()}
                        </a></li>
                    }.into_any()
                }).collect_view()}
            </ul>
        }
    });
    view! {
        <li class="thread__message" class:thread__message--mine=mine class:thread__message--agent={message.author == Author::Agent}>
            <p class="fr-text--md fr-mb-1w thread__author"><strong>{heading}</strong></p>
            {awaiting}
            <p class="thread__body">{message.body.clone()}</p>
            {attachments}
            {read}
        </li>
    }
}

/// The form to write: the text, up to three files (uploaded at once, removable until sent)
/// and, for an agent, the day an answer is awaited.
#[component]
fn MessageForm(thread: StoredValue<ThreadView>, side: Author, messages: RwSignal<Vec<MessageView>>) -> impl IntoView {
    let i18n = use_i18n();
    let (id, today) = thread.with_value(|t| (t.id.clone(), t.today));
    let base = StoredValue::new(files_base(side, &id));
    let id = StoredValue::new(id);
    let body = RwSignal::new(String::new());
    let awaiting = RwSignal::new(String::new());
    let unsent = RwSignal::new(thread.with_value(|t| t.unsent.clone()));
    let form = FormErrors::new();
    let pending = RwSignal::new(false);
    let sent = RwSignal::new(false);
    let problem = RwSignal::new(None::<String>);
    let progress = RwSignal::new(None::<u32>);
    let announcement = RwSignal::new(String::new());

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        sent.set(false);
        let attachments: Vec<i32> = unsent.with_untracked(|files| files.iter().map(|f| f.id).collect());
        // The server's rules, before the round trip.
        if let Err(errors) = messages::validate(&body.get_untracked(), attachments.len(), &awaiting.get_untracked(), today) {
            form.show_fields(errors);
            return;
        }
        form.clear();
        pending.set(true);
        let (id, text, day) = (id.get_value(), body.get_untracked(), awaiting.get_untracked());
        spawn_local(async move {
            let result = match side {
                Author::Applicant => send_message(id, text, attachments).await,
                Author::Agent => agent_send_message(id, text, attachments, day).await,
            };
            pending.set(false);
            match result {
                Ok(updated) => {
                    body.set(String::new());
                    awaiting.set(String::new());
                    unsent.set(updated.unsent);
                    messages.set(updated.messages);
                    sent.set(true);
                }
                Err(error) => {
                    if side == Author::Agent {
                        crate::instruction::unauthenticated(&error);
                    }
                    form.show(error);
                }
            }
        });
    };

    let on_change = move |ev: leptos::ev::Event| {
        problem.set(None);
        #[cfg(feature = "hydrate")]
        {
            use crate::filing::documents::upload;
            let Some(file) = upload::picked_file(&ev) else { return };
            if unsent.with_untracked(Vec::len) >= MAX_ATTACHMENTS {
                problem
                    .set(Some(i18n.validation(&crate::domain::validation::ValidationError::TooManyAttachments { max: MAX_ATTACHMENTS })));
                return;
            }
            let on_joined = Callback::new(move |file: JoinedFile| unsent.update(|f| f.push(file)));
            let feedback = upload::Feedback { problem, progress, announcement };
            upload::send(i18n, upload::Target { url: base.get_value() }, file, 0, feedback, on_joined, Callback::new(|()| {}));
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = (ev, &progress, &announcement, &base);
    };
    let remove = move |file: JoinedFile| {
        problem.set(None);
        #[cfg(feature = "hydrate")]
        crate::filing::documents::upload::remove(
            i18n,
            paths::file(&base.get_value(), file.id),
            file,
            problem,
            announcement,
            Callback::new(move |removed: i32| unsent.update(|f| f.retain(|x| x.id != removed))),
        );
        #[cfg(not(feature = "hydrate"))]
        let _ = file;
    };
    let full = move || unsent.with(Vec::len) >= MAX_ATTACHMENTS;
    let attachments_error = form.field(fields::ATTACHMENTS);
    let labels = vec![
        (fields::BODY, Msg::MessagesBody),
        (fields::ATTACHMENTS, Msg::MessagesAttachments),
        (fields::AWAITING, Msg::MessagesAwaitingLabel),
    ];
    view! {
        <form class="thread__form fr-mt-3w" on:submit=on_submit novalidate>
            // Under the page's title for the applicant, under the section's for agents.
            {match side {
                Author::Applicant => view! { <h2 class="fr-h6">{i18n.t(Msg::MessagesWrite)}</h2> }.into_any(),
                Author::Agent => view! { <h3 class="fr-h6">{i18n.t(Msg::MessagesWrite)}</h3> }.into_any(),
            }}
            <ErrorSummary form prefix="message" labels/>
            {move || sent.get().then(|| view! {
                <div class="fr-alert fr-alert--success fr-alert--sm fr-mb-2w" role="status"><p>{i18n.t(Msg::MessagesSent)}</p></div>
            })}
            <TextInput
                id="message-body"
                label=i18n.t(Msg::MessagesBody)
                hint=i18n.fill(Msg::MessagesBodyHint, &[("max", &BODY_MAX.to_string())])
                value=body
                error=form.field(fields::BODY)
                rows=6
                maxlength=BODY_MAX
            />
            <div class="fr-upload-group fr-mb-3w" class:fr-input-group--error=move || attachments_error.with(Option::is_some)>
                <label class="fr-label" for="message-attachments">{i18n.t(Msg::MessagesAttachments)}
                    <span class="fr-hint-text">{i18n.fill(Msg::MessagesAttachmentsHint, &[("max", &MAX_ATTACHMENTS.to_string())])}</span></label>
                <input class="fr-upload" type="file" id="message-attachments" accept=FileKind::ACCEPT
                    disabled=move || full() || progress.get().is_some() on:change=on_change/>
                <UploadProgress progress/>
                <RemovableFiles files=unsent on_remove=Callback::new(remove)/>
                <div class="fr-messages-group" aria-live="polite">
                    {move || problem.get().or_else(|| attachments_error.get()).map(|m| view! { <p class="fr-error-text">{m}</p> })}
                </div>
                <p class="fr-sr-only" role="status" aria-live="polite">{move || announcement.get()}</p>
            </div>
            {(side == Author::Agent).then(|| view! {
                <TextInput
                    id="message-awaiting"
                    label=i18n.t(Msg::MessagesAwaitingLabel)
                    hint=i18n.t(Msg::MessagesAwaitingHint).to_owned()
                    value=awaiting
                    error=form.field(fields::AWAITING)
                    input_type="date"
                    required=false
                />
            })}
            <SubmitButton label=i18n.t(Msg::MessagesSend) pending/>
        </form>
    }
}
