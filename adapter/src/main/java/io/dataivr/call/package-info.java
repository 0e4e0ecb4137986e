/**
 * The call vocabulary the Asterisk edge ({@code voice}) and the features ({@code agent},
 * {@code session}) share: what happens to queue calls ({@link io.dataivr.call.QueueCallEvent}), the
 * calls Asterisk holds ({@link io.dataivr.call.QueueCalls}), what the features may ask of Asterisk
 * ({@link io.dataivr.call.CallControl}), as typed values: channels ({@link io.dataivr.call.ChannelId}),
 * who hung up ({@link io.dataivr.call.HungUpBy}), how a call ended ({@link io.dataivr.call.CallOutcome}),
 * why a phone's registration was lost ({@link io.dataivr.call.RegistrationLoss}). Plain Java, no
 * dependency on any other DataIVR package.
 */
package io.dataivr.call;
