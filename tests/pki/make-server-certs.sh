#!/bin/sh
# make-server-certs.sh DIR: TLS server certificates for the private Dovecot
# and Postfix the suites start, issued by the test root of make-pki.sh
# (made in DIR first when DIR/root.pem is missing). Never a real anchor.
#   tls-localhost       DNS:localhost, IP:127.0.0.1 (the good one)
#   tls-wrong           DNS:wrong.example only (host name mismatch)
#   tls-expired         localhost and 127.0.0.1, valid only in 2020
#   tls-unknown         localhost and 127.0.0.1, from tls-unknown-root, a
#                       CA no client trusts
# Each has NAME.pem and NAME.key.pem; root.pem is the clients' CA file.
set -eu
d=$1
here=$(cd "$(dirname "$0")" && pwd)
[ -f "$d/root.pem" ] || sh "$here/make-pki.sh" "$d"
cd "$d"
mkdir -p tls-ca
cat > tls-ca.cnf <<'CNF'
[ca]
default_ca = tls
[tls]
dir = .
database = tls-ca/index.txt
new_certs_dir = tls-ca
serial = tls-ca/serial
default_md = sha256
policy = any
copy_extensions = none
unique_subject = no
[any]
commonName = supplied
[v3_ca]
basicConstraints = critical, CA:true
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
[v3_local]
basicConstraints = critical, CA:false
keyUsage = critical, digitalSignature
extendedKeyUsage = serverAuth
subjectAltName = DNS:localhost, IP:127.0.0.1
[v3_wrong]
basicConstraints = critical, CA:false
keyUsage = critical, digitalSignature
extendedKeyUsage = serverAuth
subjectAltName = DNS:wrong.example
CNF
: > tls-ca/index.txt
echo 2000 > tls-ca/serial

key() { openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$1.key.pem" 2>/dev/null; }
# issue NAME CN ISSUER EXT START END
issue() {
	key "$1"
	openssl req -new -key "$1.key.pem" -out "$1.csr" -subj "/CN=$2" \
	    2>/dev/null
	openssl ca -batch -config tls-ca.cnf -cert "$3.pem" \
	    -keyfile "$3.key.pem" -in "$1.csr" -out "$1.pem" -startdate "$5" \
	    -enddate "$6" -extensions "$4" -notext 2>/dev/null
	rm -f "$1.csr"
}

now=20240101000000Z
later=20491231000000Z
issue tls-localhost localhost root v3_local $now $later
issue tls-wrong wrong.example root v3_wrong $now $later
issue tls-expired localhost root v3_local 20200101000000Z 20201231000000Z
key tls-unknown-root
openssl req -new -x509 -key tls-unknown-root.key.pem -out tls-unknown-root.pem \
    -days 7300 -subj "/CN=Unknown Test CA hotrocks" -config tls-ca.cnf \
    -extensions v3_ca -set_serial 1 2>/dev/null
issue tls-unknown localhost tls-unknown-root v3_local $now $later
