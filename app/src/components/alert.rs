//! The DSFR error alert that says why a page or an action failed, in the reader's language.

use leptos::prelude::*;

use crate::error::AppError;
use crate::i18n::use_i18n;

/// `role="alert"` so that screen readers announce it when it appears.
#[component]
pub fn ErrorAlert(error: AppError) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="fr-alert fr-alert--error fr-mb-3w" role="alert"><p>{error.message(i18n.lang())}</p></div>
    }
}
