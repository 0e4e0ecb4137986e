/**
 * The agent console's use cases beyond the agent's state (which is {@code agent}'s): the queues an agent
 * may log in to, the caller's earlier sessions, and the outcome (disposition) an agent records after a call.
 */
package io.dataivr.console;
