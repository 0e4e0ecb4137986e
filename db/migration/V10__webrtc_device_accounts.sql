-- Browsers as customer devices (issue 14): a browser's device account is a WebRTC endpoint
-- (webrtc = yes: ICE, DTLS-SRTP with an ephemeral certificate, AVPF, rtcp-mux), reached over SIP
-- WebSocket (asterisk-config/http.conf, pjsip.conf transport-ws). Its media goes through Asterisk, so
-- rtp_timeout hangs up a call whose browser vanished without a BYE. NULL = PJSIP's default, as before.
alter table ps_endpoints add column webrtc varchar(3) check (webrtc in ('yes', 'no'));
alter table ps_endpoints add column dtls_auto_generate_cert varchar(3) check (dtls_auto_generate_cert in ('yes', 'no'));
alter table ps_endpoints add column rtp_timeout integer check (rtp_timeout >= 0);

-- The adapter's record says which kind of phone each account was for: 'sip' (an app) or 'webrtc'.
alter table sip_device_account add column device varchar(10) not null default 'sip'
    check (device in ('sip', 'webrtc'));
