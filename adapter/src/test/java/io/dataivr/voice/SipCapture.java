package io.dataivr.voice;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The SIP benchmark's clock: tcpdump writes every UDP packet to or from port 5060 on {@code lo} to a pcap
 * file (the kernel's timestamps, µs, wall clock), read back once the capture stops; and, to split the
 * adapter's answer to {@code choose} into its steps, the TCP segments of the AMI port (5038) that name a
 * voice link ({@code vr-…}: the DBPut that writes it) or answer a DBPut. (The WebSocket frames that tell the
 * app are permessage-deflate compressed: a capture cannot read them.) So a call is timed
 * where the phones see it: the customer's INVITE leaving its phone, the agent's INVITE reaching the
 * agent's phone, whatever the phones and the benchmark's JVM take to report them. Capturing needs root,
 * which {@code ./dataivr test} has.
 */
final class SipCapture implements AutoCloseable {

    /**
     * One SIP message (UDP): when, from and to which address, its first line and the user of its From header;
     * or one TCP segment ({@code tcp}) with its whole text in {@code firstLine}.
     */
    record Packet(long micros, String source, int sourcePort, String destination, String firstLine, String fromUser,
            boolean tcp, int destinationPort) {

        boolean isInvite() {
            return !tcp && firstLine.startsWith("INVITE ");
        }
    }

    private static final Pattern FROM = Pattern.compile("(?im)^(?:From|f)\\s*:[^\\r\\n]*?sips?:([^@;>\\s]+)@");

    private final Process process;
    private final Path file;
    private List<Packet> packets;

    private SipCapture(Process process, Path file) {
        this.process = process;
        this.file = file;
    }

    /** Captures SIP, and the TCP segments of AMI that concern a voice link. */
    static SipCapture start(Path dir) throws IOException, InterruptedException {
        Path file = dir.resolve("sip.pcap");
        Path errors = dir.resolve("tcpdump.err");
        Process process = new ProcessBuilder("tcpdump", "-i", "lo", "-n", "-p", "-U", "-B", "16384", "-w",
                file.toString(), "udp port 5060 or tcp port 5038").redirectErrorStream(false)
                .redirectError(errors.toFile())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!Files.exists(errors) || !Files.readString(errors).contains("listening on")) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                process.destroyForcibly();
                throw new IllegalStateException("tcpdump did not start: "
                        + (Files.exists(errors) ? Files.readString(errors) : "no output"));
            }
            Thread.sleep(50); // tcpdump says "listening on" once it captures; nothing else tells
        }
        return new SipCapture(process, file);
    }

    /** Stops capturing and reads the packets, oldest first. */
    List<Packet> stop() throws IOException, InterruptedException {
        if (packets == null) {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
            packets = read(Files.readAllBytes(file));
        }
        return packets;
    }

    @Override
    public void close() throws IOException, InterruptedException {
        stop();
    }

    /**
     * A pcap file (µs timestamps, Ethernet or Linux cooked link layer) of IPv4/UDP SIP packets; of its TCP
     * segments, only those that name a voice link or answer a DBPut are kept.
     */
    static List<Packet> read(byte[] pcap) {
        ByteBuffer in = ByteBuffer.wrap(pcap).order(ByteOrder.LITTLE_ENDIAN);
        int magic = in.getInt(0);
        if (magic == 0xd4c3b2a1) {
            in.order(ByteOrder.BIG_ENDIAN);
        } else if (magic != 0xa1b2c3d4) {
            throw new IllegalStateException("not a µs pcap file (magic " + Integer.toHexString(magic) + ")");
        }
        int linkType = in.getInt(20);
        int linkHeader = switch (linkType) {
            case 1 -> 14; // Ethernet (lo on Linux)
            case 113 -> 16; // Linux cooked v1
            case 276 -> 20; // Linux cooked v2
            default -> throw new IllegalStateException("link type " + linkType + " not handled");
        };
        List<Packet> packets = new ArrayList<>();
        int at = 24;
        while (at + 16 <= pcap.length) {
            long micros = (in.getInt(at) & 0xffffffffL) * 1_000_000L + (in.getInt(at + 4) & 0xffffffffL);
            int length = in.getInt(at + 8);
            int ip = at + 16 + linkHeader;
            at += 16 + length;
            if (at > pcap.length || (pcap[ip] & 0xf0) != 0x40) {
                continue; // cut short or not IPv4
            }
            if (pcap[ip + 9] == 6) {
                int tcp = ip + (pcap[ip] & 0x0f) * 4;
                int data = tcp + ((pcap[tcp + 12] & 0xf0) >> 4) * 4;
                String text = data < at ? new String(pcap, data, at - data, StandardCharsets.ISO_8859_1) : "";
                if (text.contains("vr-") || text.contains("Updated database successfully")) {
                    packets.add(new Packet(micros, address(pcap, ip + 12), port(pcap, tcp), address(pcap, ip + 16),
                            text, "", true, port(pcap, tcp + 2)));
                }
                continue;
            }
            if (pcap[ip + 9] != 17) {
                continue; // not UDP
            }
            int udp = ip + (pcap[ip] & 0x0f) * 4;
            int payload = udp + 8;
            if (payload >= at) {
                continue;
            }
            String text = new String(pcap, payload, at - payload, StandardCharsets.ISO_8859_1);
            int lineEnd = text.indexOf('\r');
            Matcher from = FROM.matcher(text);
            packets.add(new Packet(micros, address(pcap, ip + 12), port(pcap, udp), address(pcap, ip + 16),
                    lineEnd < 0 ? text : text.substring(0, lineEnd), from.find() ? from.group(1) : "", false,
                    port(pcap, udp + 2)));
        }
        return packets;
    }

    private static String address(byte[] b, int at) {
        return (b[at] & 0xff) + "." + (b[at + 1] & 0xff) + "." + (b[at + 2] & 0xff) + "." + (b[at + 3] & 0xff);
    }

    private static int port(byte[] b, int at) {
        return ((b[at] & 0xff) << 8) | (b[at + 1] & 0xff);
    }
}
