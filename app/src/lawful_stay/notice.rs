//! The one sentence that says when the held title expires and when to file its renewal, on the
//! filing area, the orientation page and the account page.

use leptos::prelude::*;

use super::{load_renewal_notice, RenewalNotice};
use crate::domain::lawful_stay::Timing;
use crate::i18n::{use_i18n, Msg};

/// The sentence for `notice`, with the late-filing consequence once the window has closed.
#[component]
pub fn RenewalNoticeBox(notice: RenewalNotice) -> impl IntoView {
    let i18n = use_i18n();
    let (msg, level) = match (notice.filed, notice.timing) {
        (true, _) => (Msg::StayRenewalFiled, "info"),
        (false, Timing::NotYet | Timing::Open) => (Msg::StayRenewalWindow, "info"),
        (false, Timing::Late) => (Msg::StayRenewalLate, "warning"),
        (false, Timing::Expired) => (Msg::StayRenewalExpired, "alert"),
    };
    let text = i18n.fill(msg, &[("expires", &notice.expires_on), ("opens", &notice.opens_on), ("closes", &notice.closes_on)]);
    view! {
        <div class=format!("fr-notice fr-notice--{level} fr-mb-3w renewal-notice")>
            <div class="fr-container"><div class="fr-notice__body">
                <p class="fr-notice__title">{text}</p>
            </div></div>
        </div>
    }
}

/// The holder's notice, to create at the top of a page: a resource created in a part that
/// waits for another one does not hydrate.
pub fn renewal_notice_resource() -> NoticeResource {
    Resource::new(|| (), |_| load_renewal_notice())
}

pub type NoticeResource = Resource<Result<Option<RenewalNotice>, crate::error::AppError>>;

/// Shows the holder's notice once loaded (nothing for a visa holder).
#[component]
pub fn RenewalNoticeLoader(notice: NoticeResource) -> impl IntoView {
    view! {
        <Suspense fallback=|| ()>
            {move || notice.get().and_then(Result::ok).flatten().map(|notice| view! { <RenewalNoticeBox notice/> })}
        </Suspense>
    }
}
