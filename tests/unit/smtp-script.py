#!/usr/bin/python3
# smtp-script.py: a scripted SMTP server (aiosmtpd) on 127.0.0.1 for the
# sender's failure tests: the recipient's local part picks the reply. Only
# for failures Postfix cannot be made to give on demand; never a stand-in
# for Postfix where Postfix runs (tests/unit/check-smtp.c).
#
# usage: smtp-script.py OUTDIR
#   Prints the port it listens on, then serves until SIGTERM. Every message
#   accepted is written to OUTDIR/N.eml; OUTDIR/log gets one line per
#   command ("EHLO", "AUTH user", "MAIL from", "RCPT to", "RSET", "DATA").
#   With SMTP_SCRIPT_AUTH=user:password in the environment AUTH is required.
#
# Recipients (local part):
#   rcpt450   RCPT gets 450 4.2.1 mailbox busy
#   rcpt550   RCPT gets 550 5.1.1 no such user
#   data451   end of DATA gets 451 4.3.0
#   data554   end of DATA gets 554 5.6.0
#   once450   RCPT gets 450 the first time, then is accepted
#   drop      the connection is cut at the end of DATA, with no reply
#   hangup    accepted, then the server closes the connection
#   stall     the reply to end of DATA comes after 30 s
#   anything else is accepted
import asyncio
import logging
import warnings
import os
import signal
import sys

from aiosmtpd.smtp import SMTP, AuthResult, LoginPassword

outdir = sys.argv[1]
warnings.simplefilter("ignore")
logging.disable(logging.CRITICAL)
seen_once = set()
count = 0


def log(line):
    with open(os.path.join(outdir, "log"), "a") as f:
        f.write(line + "\n")


def local(addr):
    return addr.split("@", 1)[0].lower()


class Handler:
    async def handle_EHLO(self, server, session, envelope, hostname,
                          responses):
        log("EHLO")
        session.host_name = hostname
        return responses

    async def handle_MAIL(self, server, session, envelope, address,
                          options):
        log("MAIL " + address)
        envelope.mail_from = address
        envelope.mail_options.extend(options)
        return "250 2.1.0 OK"

    async def handle_RCPT(self, server, session, envelope, address,
                          options):
        log("RCPT " + address)
        who = local(address)
        if who == "rcpt450":
            return "450 4.2.1 <%s>: mailbox busy, try later" % address
        if who == "rcpt550":
            return "550 5.1.1 <%s>: no such user here" % address
        if who == "once450" and address not in seen_once:
            seen_once.add(address)
            return "450 4.2.1 <%s>: greylisted, come back" % address
        envelope.rcpt_tos.append(address)
        return "250 2.1.5 OK"

    async def handle_RSET(self, server, session, envelope):
        log("RSET")
        return "250 2.0.0 OK"

    async def handle_DATA(self, server, session, envelope):
        global count
        log("DATA")
        who = local(envelope.rcpt_tos[0])
        if who == "data451":
            return "451 4.3.0 queue file write error"
        if who == "data554":
            return "554 5.6.0 message content rejected"
        if who == "drop":
            server.transport.abort()
            return "250 2.0.0 never seen"
        if who == "stall":
            await asyncio.sleep(30)
        count += 1
        with open(os.path.join(outdir, "%d.eml" % count), "wb") as f:
            f.write(envelope.original_content)
        if who == "hangup":
            asyncio.get_running_loop().call_later(0.05,
                                                  server.transport.close)
        return "250 2.0.0 Ok: queued as %d" % count


def authenticator(server, session, envelope, mechanism, auth_data):
    want = os.environ.get("SMTP_SCRIPT_AUTH", "").split(":", 1)
    if (isinstance(auth_data, LoginPassword) and
            auth_data.login.decode() == want[0] and
            auth_data.password.decode() == want[1]):
        log("AUTH " + want[0])
        return AuthResult(success=True)
    log("AUTH failed")
    # handled=False, or aiosmtpd sends no 535 (../shared/FACTS.md)
    return AuthResult(success=False, handled=False)


async def main():
    loop = asyncio.get_running_loop()
    auth = "SMTP_SCRIPT_AUTH" in os.environ
    stop = loop.create_future()
    loop.add_signal_handler(signal.SIGTERM, stop.set_result, None)
    server = await loop.create_server(
        lambda: SMTP(Handler(), hostname="script.test",
                     authenticator=authenticator if auth else None,
                     auth_required=auth, auth_require_tls=False),
        "127.0.0.1", 0)
    print(server.sockets[0].getsockname()[1], flush=True)
    await stop
    server.close()


asyncio.run(main())
