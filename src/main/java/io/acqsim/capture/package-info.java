/**
 * Packet captures of ISO 8583 over TCP, read and written in plain Java (no jPOS, no Netty).
 *
 * <p>Reading is a pipeline, one class per stage: a {@link io.acqsim.capture.PacketReader} yields the
 * packet records of a pcap or pcapng file ({@link io.acqsim.capture.PcapReader},
 * {@link io.acqsim.capture.PcapngReader}); {@link io.acqsim.capture.LinkLayer} and
 * {@link io.acqsim.capture.TcpDecoder} find the TCP segment in each; {@link io.acqsim.capture.TcpReassembler}
 * puts each connection's two byte streams back in order; a {@link io.acqsim.capture.FrameCutter} per stream
 * cuts it into frames at the 2-byte big-endian length prefix; {@link io.acqsim.capture.CaptureFrameReader}
 * drives the stages and hands out the frames in the order the capture completed them. Everything is
 * streamed: memory depends on the open connections, never on the file's size. What cannot be read is a
 * {@link io.acqsim.capture.CaptureProblem} naming the frame (packet) number Wireshark shows.
 *
 * <p>Writing: {@link io.acqsim.capture.TcpCaptureWriter} records TCP connections as synthetic packets
 * (handshake, data, FIN) through a {@link io.acqsim.capture.PacketWriter}, normally a
 * {@link io.acqsim.capture.PcapngWriter}.
 */
package io.acqsim.capture;
