//! "Accéder à mon compte" (SPEC §2): the civil status (read-only), the address and phone with
//! their update (the same catalogue fields and rules as the wizard's personal step), the e-mail
//! address with its change confirmed by a link, the notifications, and every filed file with its
//! timeline and the documents issued for it. Also the notifications page, the page that opens a
//! notification, and the page of the e-mail confirmation link.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::Redirect;
use leptos_router::hooks::use_params_map;

use super::{
    load_account, paths, AccountFile, AccountView, ConfirmEmailChange, MarkNotificationsRead, NotificationView, RequestEmailChange,
    UpdateContact,
};
use crate::components::alert::ErrorAlert;
use crate::components::forms::TextInput;
use crate::components::forms::{EmailInput, ErrorSummary, FormErrors, PasswordInput, SubmitButton};
use crate::domain::accounts::validate_email_change;
use crate::domain::catalogue::common::{ADDRESS_CITY, ADDRESS_COMPLEMENT, ADDRESS_POSTAL_CODE, ADDRESS_STREET, MOBILE_PHONE};
use crate::domain::catalogue::common::{CONTACT_FIELDS, CONTACT_STEP};
use crate::domain::catalogue::{self, validate_step, Answers};
use crate::domain::lifecycle::{allowed_actions, withdrawal_reason, Action, ActorKind, FileStatus, WITHDRAWAL_REASON_MAX};
use crate::domain::validation::{FieldError, FieldErrors};
use crate::filing::fields::CatalogueField;
use crate::filing::withdraw_application;
use crate::filing::wizard::CivilStatus;
use crate::i18n::{use_i18n, Msg};
use crate::layout::{hard_navigate, url_encode, PageTitle};
use crate::procedures::{issued_label, ApplicantPage, StatusBadge};

#[component]
pub fn AccountPage() -> impl IntoView {
    let i18n = use_i18n();
    let account = Resource::new(|| (), |_| load_account());
    let proofs = crate::lawful_stay::share::proofs_resource();
    // Back from a withdrawal (`?retiree=<number>`): it says so.
    let withdrawn = leptos_router::hooks::use_query_map().with_untracked(|q| q.get("retiree"));
    view! {
        <ApplicantPage title=Msg::AccountTitle return_to=paths::ACCOUNT>
            {withdrawn.clone().map(|number| view! {
                <div class="fr-alert fr-alert--success fr-mb-3w" role="status">
                    <p>{i18n.fill(Msg::AccountWithdrawn, &[("number", &number)])}</p>
                </div>
            })}
            <Suspense fallback=move || view! { <p>{i18n.t(Msg::Loading)}</p> }>
                {move || account.get().map(|loaded| match loaded {
                    Ok(view) => view! { <AccountSections account=view proofs/> }.into_any(),
                    Err(error) => view! { <ErrorAlert error/> }.into_any(),
                })}
            </Suspense>
        </ApplicantPage>
    }
}

#[component]
fn AccountSections(account: AccountView, proofs: crate::lawful_stay::share::ProofsResource) -> impl IntoView {
    let i18n = use_i18n();
    let AccountView { civil_status, contact, applicant, files, notifications, unread_notifications } = account;
    let email = civil_status.email.clone();
    let summary = [
        ("etat-civil", Msg::WizardCivilStatus),
        ("coordonnees", Msg::AccountContactTitle),
        ("courriel", Msg::AccountEmailTitle),
        ("notifications", Msg::AccountNotificationsTitle),
        ("demandes", Msg::AccountFilesTitle),
        ("preuves", Msg::StayProofsTitle),
    ];
    view! {
        <nav role="navigation" class="fr-summary fr-mb-4w" aria-labelledby="account-summary-title">
            <p class="fr-summary__title" id="account-summary-title">{i18n.t(Msg::AccountSummary)}</p>
            <ol class="fr-summary__list">
                {summary.into_iter().map(|(anchor, title)| view! {
                    <li><a class="fr-summary__link" href=format!("#{anchor}")>{i18n.t(title)}</a></li>
                }).collect_view()}
            </ol>
        </nav>
        <div id="etat-civil">
            <CivilStatus civil=civil_status note=Msg::AccountCivilStatusNote/>
        </div>
        <ContactSection contact applicant/>
        <EmailSection email/>
        <section id="notifications" class="fr-mb-6w" aria-labelledby="notifications-title">
            <h2 id="notifications-title">{i18n.t(Msg::AccountNotificationsTitle)}</h2>
            <p>{i18n.fill(Msg::AccountUnread, &[("count", &unread_notifications.to_string())])}</p>
            <NotificationList list=notifications.into_iter().take(5).collect()/>
            <a class="fr-link fr-icon-arrow-right-line fr-link--icon-right" href=paths::NOTIFICATIONS>{i18n.t(Msg::AccountAllNotifications)}</a>
        </section>
        <section id="demandes" class="fr-mb-6w" aria-labelledby="files-title">
            <h2 id="files-title">{i18n.t(Msg::AccountFilesTitle)}</h2>
            {if files.is_empty() {
                view! { <p>{i18n.t(Msg::AccountNoFiles)}</p> }.into_any()
            } else {
                files.into_iter().map(|file| view! { <FileTimeline file/> }).collect_view().into_any()
            }}
            <a class="fr-link" href=paths::PROCEDURES>{i18n.t(Msg::MyProcedures)}</a>
        </section>
        <crate::lawful_stay::share::ProofsSection proofs/>
    }
}

/// The address and mobile phone: shown, and changed with the wizard's own fields and checks.
#[component]
fn ContactSection(contact: Answers, applicant: catalogue::ApplicantContext) -> impl IntoView {
    let i18n = use_i18n();
    let answers = RwSignal::new(contact);
    let editing = RwSignal::new(false);
    let saved = RwSignal::new(false);
    let form = FormErrors::new();
    let action = ServerAction::<UpdateContact>::new();
    Effect::new(move |_| match action.value().get() {
        Some(Ok(stored)) => {
            answers.set(stored);
            editing.set(false);
            saved.set(true);
        }
        Some(Err(error)) => form.show(error),
        None => {}
    });
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        saved.set(false);
        let contact = answers.get_untracked();
        match validate_step(&CONTACT_STEP, &contact, &applicant) {
            Ok(()) => {
                form.clear();
                action.dispatch(UpdateContact { contact });
            }
            Err(errors) => form.show_fields(errors),
        }
    };
    let lang = i18n.lang();
    let labels: Vec<(String, String)> = CONTACT_FIELDS.iter().map(|f| (f.id.to_owned(), f.label.get(lang).to_owned())).collect();
    let shown = move || {
        answers.with(|a| {
            let line = |fields: &[&str]| fields.iter().filter_map(|f| a.get(f)).collect::<Vec<_>>().join(" ");
            let address = [line(&[ADDRESS_STREET.id]), line(&[ADDRESS_COMPLEMENT.id]), line(&[ADDRESS_POSTAL_CODE.id, ADDRESS_CITY.id])]
                .into_iter()
                .filter(|l| !l.is_empty())
                .collect::<Vec<_>>()
                .join(", ");
            (address, a.get(MOBILE_PHONE.id).unwrap_or_default().to_owned())
        })
    };
    view! {
        <section id="coordonnees" class="fr-mb-6w" aria-labelledby="contact-title">
            <h2 id="contact-title">{i18n.t(Msg::AccountContactTitle)}</h2>
            <p class="fr-text--sm">{i18n.t(Msg::AccountContactIntro)}</p>
            <Show when=move || saved.get()>
                <div class="fr-alert fr-alert--success fr-alert--sm fr-mb-2w" role="status"><p>{i18n.t(Msg::AccountContactSaved)}</p></div>
            </Show>
            <Show
                when=move || editing.get()
                fallback=move || {
                    let (address, phone) = shown();
                    view! {
                        <dl class="answers">
                            <dt>{i18n.t(Msg::AccountAddress)}</dt>
                            <dd>{if address.is_empty() { i18n.t(Msg::AccountNotGiven).to_owned() } else { address }}</dd>
                            <dt>{i18n.t(Msg::AccountPhone)}</dt>
                            <dd>{if phone.is_empty() { i18n.t(Msg::AccountNotGiven).to_owned() } else { phone }}</dd>
                        </dl>
                        <button type="button" class="fr-btn fr-btn--secondary" id="contact-edit" on:click=move |_| { saved.set(false); editing.set(true); }>
                            {i18n.t(Msg::AccountContactEdit)}
                        </button>
                    }
                }
            >
                <form on:submit=on_submit novalidate>
                    <ErrorSummary form prefix="f" labels=vec![] texts=labels.clone()/>
                    <p class="fr-text--sm">{i18n.t(Msg::RequiredFieldsNote)}</p>
                    {CONTACT_FIELDS.iter().map(|field| view! { <CatalogueField field answers errors=form applicant/> }).collect_view()}
                    <div class="fr-btns-group fr-btns-group--inline-md">
                        <SubmitButton label=i18n.t(Msg::AccountContactSave) pending=action.pending()/>
                        <button type="button" class="fr-btn fr-btn--tertiary" on:click=move |_| { form.clear(); editing.set(false); }>
                            {i18n.t(Msg::AccountCancel)}
                        </button>
                    </div>
                </form>
            </Show>
        </section>
    }
}

/// The e-mail address, and the request to change it (confirmed from the new mailbox).
#[component]
fn EmailSection(email: String) -> impl IntoView {
    let i18n = use_i18n();
    let new_email = RwSignal::new(String::new());
    let confirmation = RwSignal::new(String::new());
    let current = RwSignal::new(String::new());
    let sent_to = RwSignal::new(None::<String>);
    let form = FormErrors::new();
    let action = ServerAction::<RequestEmailChange>::new();
    Effect::new(move |_| match action.value().get() {
        Some(Ok(())) => {
            sent_to.set(Some(new_email.get_untracked().trim().to_owned()));
            new_email.set(String::new());
            confirmation.set(String::new());
            current.set(String::new());
        }
        Some(Err(error)) => form.show_emptying(error, current),
        None => {}
    });
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        sent_to.set(None);
        let (e, c, p) = (new_email.get_untracked(), confirmation.get_untracked(), current.get_untracked());
        match validate_email_change(&e, &c, &p) {
            Ok(_) => {
                form.clear();
                action.dispatch(RequestEmailChange { email: e, email_confirmation: c, current: p });
            }
            Err(errors) => form.show_fields(errors),
        }
    };
    view! {
        <section id="courriel" class="fr-mb-6w" aria-labelledby="email-title">
            <h2 id="email-title">{i18n.t(Msg::AccountEmailTitle)}</h2>
            <p>{i18n.t(Msg::AccountEmailCurrent)} " " <strong>{email}</strong></p>
            {move || sent_to.get().map(|to| view! {
                <div class="fr-alert fr-alert--info fr-alert--sm fr-mb-2w" role="status">
                    <p>{i18n.fill(Msg::AccountEmailSent, &[("email", &to)])}</p>
                </div>
            })}
            <form on:submit=on_submit novalidate class="account-email-form">
                <ErrorSummary
                    form
                    prefix="courriel"
                    labels=vec![("email", Msg::AccountEmailNew), ("email_confirmation", Msg::AccountEmailConfirm), ("current", Msg::CurrentPassword)]
                />
                <EmailInput id="courriel-email" label=i18n.t(Msg::AccountEmailNew) value=new_email error=form.field("email") hint=i18n.t(Msg::AccountEmailHint)/>
                <EmailInput id="courriel-email_confirmation" label=i18n.t(Msg::AccountEmailConfirm) value=confirmation error=form.field("email_confirmation")/>
                <PasswordInput id="courriel-current" label=i18n.t(Msg::CurrentPassword) value=current error=form.field("current") autocomplete="current-password"/>
                <SubmitButton label=i18n.t(Msg::AccountEmailSubmit) pending=action.pending()/>
            </form>
        </section>
    }
}

/// A filed file: its status, what happened and when, and its documents.
#[component]
fn FileTimeline(file: AccountFile) -> impl IntoView {
    let i18n = use_i18n();
    let lang = i18n.lang();
    let title = catalogue::procedure(&file.procedure).map(|p| p.title.get(lang)).unwrap_or_default();
    let heading_id = format!("demande-{}-title", file.id);
    let labelled_by = heading_id.clone();
    let anchor = format!("demande-{}", file.id);
    let number = file.file_number.clone().unwrap_or_default();
    let documents = file.issued.iter().map(|kind| {
        view! {
            <li><a class="fr-link fr-link--download issued-link" href=crate::filing::paths::issued(&file.id, kind) rel="external" download>
                {i18n.t(issued_label(kind))}
            </a></li>
        }
    }).collect_view();
    let collect = file.collect_at.clone().map(|office| {
        view! {
            <div class="fr-callout fr-mt-2w">
                <h4 class="fr-callout__title">{i18n.t(Msg::AccountCollectTitle)}</h4>
                <p class="fr-callout__text">{i18n.fill(Msg::AccountCollectText, &[("office", &office)])}</p>
                <a class="fr-btn fr-btn--sm" href=crate::appointments::paths::page(&file.id)>{i18n.t(Msg::BookingOpen)}</a>
            </div>
        }
    });
    // While the prefecture has not decided: the day its silence becomes a rejection (or the
    // period suspended while documents are awaited), and the attestation in force.
    let implicit = match (&file.implicit_decision_on, file.status.awaits_applicant()) {
        (Some(day), _) => Some(i18n.fill(Msg::StayImplicitDecision, &[("day", day)])),
        (None, true) => Some(i18n.t(Msg::StayImplicitSuspended).to_owned()),
        (None, false) => None,
    };
    let implicit = implicit.map(|text| view! { <p class="fr-text--sm implicit-decision">{text}</p> });
    let attestation = file.attestation_until.clone().map(|until| view! {
        <p class="fr-badge fr-badge--success fr-badge--sm attestation-in-force">{i18n.fill(Msg::StayAttestationInForce, &[("until", &until)])}</p>
    });
    let tracker = file.tracker.clone().map(|tracker| view! { <Tracker tracker/> });
    let withdraw = allowed_actions(file.status, ActorKind::Applicant)
        .contains(&Action::Withdraw)
        .then(|| view! { <WithdrawForm id=file.id.clone() number=number.clone()/> });
    // What the applicant can do on the file now: answer a request, or correct it.
    let answer = match file.status {
        FileStatus::ComplementDemande => Some(view! {
            <a class="fr-btn fr-btn--sm fr-mb-2w" href=crate::filing::complement::path(&file.id)>{i18n.t(Msg::ProceduresAnswerComplement)}</a>
        }.into_any()),
        FileStatus::CorrectionDemandee => Some(view! {
            <a class="fr-btn fr-btn--sm fr-mb-2w" href=crate::corrections::paths::page(&file.id)>{i18n.t(Msg::CorrectionAnswer)}</a>
        }.into_any()),
        FileStatus::Deposee => Some(view! {
            <p class="fr-mb-2w"><a class="fr-link" href=crate::corrections::paths::page(&file.id)>
                {i18n.t(Msg::CorrectionOwn)}
            </a></p>
        }.into_any()),
        _ => None,
    };
    // The thread stays readable once the file is finished.
    let unread = (file.unread_messages > 0).then(|| {
        let count = file.unread_messages.to_string();
        view! { " "<span class="fr-badge fr-badge--sm fr-badge--new">{i18n.fill(Msg::MessagesUnread, &[("count", &count)])}</span> }
    });
    let thread = view! {
        <p class="fr-mt-2w account-messages">
            <a class="fr-link fr-icon-mail-line fr-link--icon-left" href=crate::messages::paths::page(&file.id)>{i18n.t(Msg::MessagesOpen)}</a>
            {unread}
        </p>
    };
    view! {
        <article id=anchor class="account-file fr-mb-4w" aria-labelledby=labelled_by>
            <h3 class="fr-h5" id=heading_id>{format!("{title} – n° {number}")}</h3>
            <StatusBadge status=file.status/>
            {attestation}
            {answer}
            {thread}
            {collect}
            {tracker}
            {implicit}
            <h4 class="fr-text--md fr-mt-2w fr-mb-1w">{i18n.t(Msg::AccountTimeline)}</h4>
            <ol class="timeline">
                {file.timeline.into_iter().map(|entry| view! {
                    <li><span class="timeline__date">{entry.at}</span> " " <span>{entry.label}</span></li>
                }).collect_view()}
            </ol>
            <h4 class="fr-text--md fr-mt-2w fr-mb-1w">{i18n.t(Msg::AccountDocuments)}</h4>
            <ul class="account-documents">{documents}</ul>
            {withdraw}
        </article>
    }
}

/// The stages of a file with the day each was reached (the current one marked, with what comes
/// next), the decision's estimate and the file's place in the waiting line.
#[component]
fn Tracker(tracker: super::TrackerView) -> impl IntoView {
    let i18n = use_i18n();
    let current = tracker.stages.iter().rposition(|s| s.reached_on.is_some());
    let next = current.map(|i| tracker.stages[i].next.clone());
    let steps = tracker
        .stages
        .into_iter()
        .enumerate()
        .map(|(i, stage)| {
            let is_current = Some(i) == current;
            let state = match (&stage.reached_on, is_current) {
                (Some(day), false) => i18n.fill(Msg::TrackerReached, &[("day", day)]),
                (Some(day), true) => format!("{} – {}", i18n.fill(Msg::TrackerReached, &[("day", day)]), i18n.t(Msg::TrackerCurrent)),
                (None, _) => String::new(),
            };
            view! {
                <li class="tracker__stage" class:tracker__stage--done=stage.reached_on.is_some() aria-current=is_current.then_some("step")>
                    <span class="tracker__label">{stage.label}</span>" "<span class="tracker__date">{state}</span>
                </li>
            }
        })
        .collect_view();
    view! {
        <div class="tracker fr-mt-2w">
            <h4 class="fr-text--md fr-mb-1w">{i18n.t(Msg::TrackerTitle)}</h4>
            <ol class="tracker__stages">{steps}</ol>
            {next.map(|text| view! { <p class="fr-text--sm tracker__next">{text}</p> })}
            {tracker.position.map(|position| view! {
                <p class="fr-text--sm tracker__position">{i18n.fill(Msg::TrackerPosition, &[("position", &position.to_string())])}</p>
            })}
            {tracker.awaiting_decision.then(|| match tracker.estimate {
                Some(estimate) => view! {
                    <p class="fr-text--sm tracker__estimate">
                        {i18n.fill(Msg::TrackerEstimate, &[("count", &estimate.count.to_string()), ("from", &estimate.from), ("to", &estimate.to)])}
                    </p>
                }.into_any(),
                None => view! { <p class="fr-text--sm tracker__estimate">{i18n.t(Msg::TrackerNoEstimate)}</p> }.into_any(),
            })}
            <a class="fr-link fr-text--sm" href=crate::tracker::PATH>{i18n.t(Msg::TrackerAllDelays)}</a>
        </div>
    }
}

/// "Retirer ma demande": a first button opens the confirmation, which says what it means and
/// takes an optional reason; the page then reloads with the file closed.
#[component]
fn WithdrawForm(id: String, number: String) -> impl IntoView {
    let i18n = use_i18n();
    let open = RwSignal::new(false);
    let reason = RwSignal::new(String::new());
    let form = FormErrors::new();
    let pending = RwSignal::new(false);
    let panel_id = format!("retrait-{id}");
    let on_submit = {
        let (id, number) = (id.clone(), number.clone());
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            // The server's rule, before the round trip.
            if let Err(error) = withdrawal_reason(&reason.get_untracked()) {
                form.show_fields(FieldErrors(vec![FieldError::new("reason", error)]));
                return;
            }
            form.clear();
            pending.set(true);
            let (id, number) = (id.clone(), number.clone());
            spawn_local(async move {
                match withdraw_application(id.clone(), reason.get_untracked()).await {
                    Ok(()) => hard_navigate(&format!("{}?retiree={}#demande-{id}", paths::ACCOUNT, url_encode(&number))),
                    Err(error) => {
                        form.show(error);
                        pending.set(false);
                    }
                }
            });
        }
    };
    view! {
        <div class="withdraw fr-mt-2w">
            <button
                type="button"
                class="fr-btn fr-btn--tertiary fr-btn--sm"
                aria-expanded=move || open.get().to_string()
                aria-controls=panel_id.clone()
                on:click=move |_| open.update(|o| *o = !*o)
            >
                {i18n.t(Msg::AccountWithdraw)}
            </button>
            <div id=panel_id hidden=move || !open.get()>
                <form class="fr-mt-2w" on:submit=on_submit novalidate>
                    <ErrorSummary form prefix="retrait" labels=vec![("reason", Msg::AccountWithdrawReason)]/>
                    <p>{i18n.fill(Msg::AccountWithdrawWarning, &[("number", &number)])}</p>
                    <TextInput
                        id="retrait-reason"
                        label=i18n.t(Msg::AccountWithdrawReason)
                        value=reason
                        error=form.field("reason")
                        required=false
                        rows=3
                        maxlength=WITHDRAWAL_REASON_MAX
                    />
                    <ul class="fr-btns-group fr-btns-group--inline-sm">
                        <li><SubmitButton label=i18n.t(Msg::AccountWithdrawConfirm) pending/></li>
                        <li><button type="button" class="fr-btn fr-btn--secondary" on:click=move |_| open.set(false)>{i18n.t(Msg::AccountCancel)}</button></li>
                    </ul>
                </form>
            </div>
        </div>
    }
}

/// Notifications, newest first; unread ones stand out and say so to screen readers.
#[component]
fn NotificationList(list: Vec<NotificationView>) -> impl IntoView {
    let i18n = use_i18n();
    if list.is_empty() {
        return view! { <p>{i18n.t(Msg::AccountNoNotifications)}</p> }.into_any();
    }
    view! {
        <ul class="notification-list">
            {list.into_iter().map(|n| view! {
                <li class="notification" class:notification--unread=!n.read>
                    <a href=n.href.clone() class="fr-link">
                        {(!n.read).then(|| view! { <span class="fr-badge fr-badge--sm fr-badge--info fr-mr-1w">{i18n.t(Msg::AccountNew)}</span> })}
                        {n.text}
                    </a>
                    <span class="fr-hint-text">{n.at}</span>
                </li>
            }).collect_view()}
        </ul>
    }
    .into_any()
}

#[component]
pub fn NotificationsPage() -> impl IntoView {
    let i18n = use_i18n();
    let account = Resource::new(|| (), |_| load_account());
    let mark_all = ServerAction::<MarkNotificationsRead>::new();
    Effect::new(move |_| {
        if let Some(Ok(())) = mark_all.value().get() {
            // The header's counter is part of the page: reload it whole.
            hard_navigate(paths::NOTIFICATIONS);
        }
    });
    view! {
        <ApplicantPage title=Msg::AccountNotificationsTitle return_to=paths::NOTIFICATIONS trail=vec![(Msg::AccountTitle, paths::ACCOUNT)]>
            <Suspense fallback=move || view! { <p>{i18n.t(Msg::Loading)}</p> }>
                {move || account.get().map(|loaded| match loaded {
                    Ok(view) => view! {
                        <p>{i18n.fill(Msg::AccountUnread, &[("count", &view.unread_notifications.to_string())])}</p>
                        {(view.unread_notifications > 0).then(|| view! {
                            <button type="button" class="fr-btn fr-btn--secondary fr-btn--sm fr-mb-3w" id="mark-all-read"
                                on:click=move |_| { mark_all.dispatch(MarkNotificationsRead {}); }>
                                {i18n.t(Msg::AccountMarkAllRead)}
                            </button>
                        })}
                        <NotificationList list=view.notifications/>
                    }.into_any(),
                    Err(error) => view! { <ErrorAlert error/> }.into_any(),
                })}
            </Suspense>
        </ApplicantPage>
    }
}

/// `/compte/notifications/:id`: marks the notification read and redirects to what it is about
/// (rendered on the server, so the redirect is a plain HTTP one).
#[component]
pub fn OpenNotificationPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let target = Resource::new(
        move || params.with(|p| p.get("id").and_then(|id| id.parse::<i32>().ok())),
        |id| async move {
            match id {
                Some(id) => super::open_notification(id).await,
                None => Err(crate::error::AppError::NotFound),
            }
        },
    );
    view! {
        <ApplicantPage title=Msg::AccountNotificationsTitle return_to=paths::NOTIFICATIONS heading=false>
            <Suspense fallback=move || view! { <p>{i18n.t(Msg::Loading)}</p> }>
                {move || target.get().map(|found| match found {
                    Ok(path) => view! { <Redirect path/> }.into_any(),
                    Err(error) => view! {
                        <h1>{i18n.t(Msg::AccountNotificationsTitle)}</h1>
                        <ErrorAlert error/>
                        <a class="fr-link" href=paths::NOTIFICATIONS>{i18n.t(Msg::AccountAllNotifications)}</a>
                    }.into_any(),
                })}
            </Suspense>
        </ApplicantPage>
    }
}

/// The link sent to a new e-mail address. Confirming takes a click: mail scanners that open
/// links must not confirm on the applicant's behalf.
#[component]
pub fn ConfirmEmailPage() -> impl IntoView {
    let i18n = use_i18n();
    let token = super::link_token();
    let action = ServerAction::<ConfirmEmailChange>::new();
    view! {
        <PageTitle title=Msg::AccountEmailConfirmTitle/>
        <div class="fr-container fr-my-4w">
            <div class="fr-grid-row"><div class="fr-col-12 fr-col-md-8">
                <h1>{i18n.t(Msg::AccountEmailConfirmTitle)}</h1>
                {move || match action.value().get() {
                    Some(Ok(email)) => view! {
                        <div class="fr-alert fr-alert--success" role="status">
                            <p>{i18n.fill(Msg::AccountEmailChanged, &[("email", &email)])}</p>
                        </div>
                        <p class="fr-mt-2w"><a class="fr-link" href=paths::ACCOUNT>{i18n.t(Msg::MyAccount)}</a></p>
                    }.into_any(),
                    other => view! {
                        {other.and_then(Result::err).map(|error| view! {
                            <ErrorAlert error/>
                        })}
                        <p>{i18n.t(Msg::AccountEmailConfirmText)}</p>
                        <button type="button" class="fr-btn" id="confirm-email" disabled=move || action.pending().get()
                            on:click=move |_| { action.dispatch(ConfirmEmailChange { token: token() }); }>
                            {i18n.t(Msg::AccountEmailConfirmButton)}
                        </button>
                    }.into_any(),
                }}
            </div></div>
        </div>
    }
}
