/**
 * The `--help` lines for `--env`/`--base-url`/`--nip` and the credential options, shared by the
 * commands that talk to KSeF with `ksef send`'s options (`ksef status`, `ksef upo`).
 */
export const connectionUsage = `Where:
  --env NAME         test (https://api-test.ksef.mf.gov.pl/v2), demo, or prod
  --base-url URL     any KSeF 2.0 API base, e.g. a simulator's http://127.0.0.1:8080/v2
  --nip NIP          the taxpayer whose session it is (the session context, as given to ksef send)

Credentials (one of, as for ksef send):
  KSEF_TOKEN=…           a KSeF token from the environment (used when no other option is given)
  --token-file F         a file holding the KSeF token; - reads it from standard input
  --token T              works, but is visible in the process list (a hint says so)
  --cert PEM --key PEM   a certificate and its private key for a XAdES signature (on TEST a
                         self-signed one works); --key-passphrase for an encrypted key
  --p12 FILE             the same from a PKCS#12 (.p12/.pfx) file; --p12-passphrase P
  Passphrases take env:NAME, file:PATH (file:- = stdin) or pass:VALUE. Secrets are never printed.
  Reading a session needs InvoiceWrite or Introspection for the NIP.`;
