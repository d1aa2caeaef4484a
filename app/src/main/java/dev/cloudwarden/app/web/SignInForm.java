package dev.cloudwarden.app.web;

/**
 * The sign-in page's model.
 *
 * @param next      where to go once signed in (a path of this site), or null
 * @param error     why the last try failed, or null
 * @param formToken the form's own token, repeated in a cookie (see {@link SignIn})
 */
public record SignInForm(String next, String error, String formToken) {
}
