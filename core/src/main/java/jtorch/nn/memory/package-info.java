/**
 * Memory networks (issue 12): {@link jtorch.nn.memory.MemN2N}, the end-to-end memory network of Sukhbaatar et al.
 * (2015). Input a table {story [B, M, J], question [B, Jq]} of I32 word indices, 0 the nil word (sentences padded on
 * the right, slot 0 the most recent sentence); output answer scores [B, V].
 */
package jtorch.nn.memory;
