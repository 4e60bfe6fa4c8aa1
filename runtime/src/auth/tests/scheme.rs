use crate::auth::{Auth, Credentials, PrivateKey, Secret, basic_value};

fn credentials() -> Credentials {
    Credentials::individual("KEYID12345", PrivateKey::generate().expect("generate"))
}

#[test]
fn debug_redacts_every_secret() {
    let api_key = format!("{:?}", Auth::api_key("k-s3cret"));
    assert_eq!(api_key, "Auth::ApiKey(<redacted>)");
    let bearer = format!("{:?}", Auth::bearer("t-s3cret"));
    assert_eq!(bearer, "Auth::Bearer(<redacted>)");
    let basic = format!("{:?}", Auth::basic("bob", "p-s3cret"));
    assert_eq!(
        basic,
        r#"Auth::Basic { username: "bob", password: <redacted> }"#
    );
    let pretty = format!("{:#?}", Auth::basic("bob", "p-s3cret"));
    assert!(
        pretty.contains("bob") && !pretty.contains("p-s3cret"),
        "{pretty}"
    );
    let asc = format!("{:?}", Auth::AppStoreConnect(credentials()));
    assert!(
        asc.starts_with("Auth::AppStoreConnect(Credentials {"),
        "{asc}"
    );
    assert!(asc.contains("KEYID12345") && asc.contains("PrivateKey(<redacted>)"));
}

#[test]
fn basic_credentials_are_base64_of_user_colon_password() {
    assert_eq!(
        basic_value("Aladdin", "open sesame"),
        "QWxhZGRpbjpvcGVuIHNlc2FtZQ=="
    );
    assert_eq!(basic_value("", ""), "Og==");
    assert_eq!(basic_value("zoë", "π"), "em/DqzrPgA==");
}

#[test]
fn credentials_convert_into_app_store_connect_auth() {
    let auth = Auth::from(credentials());
    let converted = auth.app_store_connect().expect("AppStoreConnect");
    assert_eq!(converted.key_id(), "KEYID12345");
    let into: Auth = credentials().into();
    assert!(matches!(into, Auth::AppStoreConnect(_)));
    assert!(Auth::api_key("k").app_store_connect().is_none());
}

#[test]
fn constructors_fill_the_variants() {
    assert!(matches!(Auth::api_key("k"), Auth::ApiKey(key) if key == "k"));
    assert!(matches!(Auth::bearer(String::from("t")), Auth::Bearer(token) if token == "t"));
    assert!(matches!(
        Auth::basic("u", "p"),
        Auth::Basic { username, password } if username == "u" && password == "p"
    ));
}

#[test]
fn secrets_hide_their_value() {
    let fixed = Secret::Fixed("s3cret".to_owned());
    assert_eq!(fixed.as_str(), "s3cret");
    assert!(fixed.jwt().is_none());
    assert_eq!(format!("{fixed:?}"), "Secret::Fixed(<redacted>)");
    let token = credentials().mint_token().expect("token");
    let jwt = Secret::Jwt(token.clone());
    assert_eq!(jwt.as_str(), token.as_str());
    assert_eq!(jwt.jwt(), Some(&token));
    assert!(!format!("{jwt:?}").contains(token.as_str()));
}
