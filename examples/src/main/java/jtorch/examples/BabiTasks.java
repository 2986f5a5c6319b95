package jtorch.examples;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A generator of bAbI-style question answering stories (Weston et al. 2015, "Towards AI-Complete Question Answering"),
 * tasks 1-3, in the vocabulary of the original world: the actors John, Mary, Sandra, Daniel; the locations bedroom,
 * kitchen, garden, hallway, bathroom, office; the objects apple, football, milk; moves (went / journeyed / travelled /
 * moved / went back to the X), pick-ups (got / took / grabbed / picked up the Y) and drops (dropped / put down /
 * discarded / left the Y). A hidden world is simulated (every actor and object has a true place from the start, as
 * in the original generator) and a question is asked only when the story told so far determines its answer:
 * <ul>
 *   <li>task 1, single supporting fact: only moves, in pairs, each pair followed by "where is A?" about an actor
 *       whose move was told (answer: the place of the actor's last move);</li>
 *   <li>task 2, two supporting facts: moves, pick-ups and drops; "where is the Y?" about an object held by an actor
 *       whose place the story told, as the original asks (answer: where the holder last went);</li>
 *   <li>task 3, three supporting facts: the same actions; "where was the Y before the P?" about an object whose known
 *       place changed at least once, P its current place (answer: the place before it).</li>
 * </ul>
 * Each story has 5 questions (as the original); an example is one question with the statements before it in its
 * story (earlier questions are not statements). Same seed, same examples.
 */
public final class BabiTasks {
    private BabiTasks() {}

    static final List<String> ACTORS = List.of("john", "mary", "sandra", "daniel");
    static final List<String> PLACES = List.of("bedroom", "kitchen", "garden", "hallway", "bathroom", "office");
    static final List<String> OBJECTS = List.of("apple", "football", "milk");
    static final List<String> MOVES = List.of("went to", "journeyed to", "travelled to", "moved to", "went back to");
    static final List<String> GETS = List.of("got", "took", "grabbed", "picked up");
    static final List<String> DROPS = List.of("dropped", "put down", "discarded", "left");
    static final int QUESTIONS_PER_STORY = 5;

    /** One question: the statements before it (oldest first, as word arrays), the question's words and the answer. */
    public record Example(List<String[]> story, String[] question, String answer) {}

    /** {@code n} examples of task 1, 2 or 3 from the seed. */
    public static List<Example> generate(int task, int n, long seed) {
        if (task < 1 || task > 3) throw new IllegalArgumentException("BabiTasks: task must be 1, 2 or 3, got " + task);
        if (n < 1) throw new IllegalArgumentException("BabiTasks: n must be >= 1, got " + n);
        SplittableRandom r = new SplittableRandom(seed * 31 + task);
        List<Example> out = new ArrayList<>(n);
        while (out.size() < n) new Story(task, r, out, n).tell();
        return out;
    }

    /** The words of a sentence ("mary went back to the kitchen"). */
    static String[] words(String s) { return s.split(" "); }

    /** One story: the hidden world, what the story has told about it, and its examples. */
    private static final class Story {
        final int task;
        final SplittableRandom r;
        final List<Example> out;
        final int limit;
        final List<String[]> told = new ArrayList<>();
        final Map<String, String> place = new HashMap<>(), holder = new HashMap<>();   // true world
        final Map<String, String> knownActor = new HashMap<>();                         // actor -> told place
        final Map<String, List<String>> history = new HashMap<>();                      // object -> known places

        Story(int task, SplittableRandom r, List<Example> out, int limit) {
            this.task = task;
            this.r = r;
            this.out = out;
            this.limit = limit;
            for (String a : ACTORS) place.put(a, pick(PLACES));
            for (String o : OBJECTS) {
                place.put(o, pick(PLACES));
                history.put(o, new ArrayList<>());
            }
        }

        <T> T pick(List<T> l) { return l.get(r.nextInt(l.size())); }

        void tell() {
            int asked = 0, since = 0;
            while (asked < QUESTIONS_PER_STORY && out.size() < limit) {
                if (task == 1) move(pick(ACTORS));
                else act();
                since++;
                boolean ask = task == 1 ? since == 2 : since > 2 && r.nextInt(2) == 0;
                if (ask && question()) {
                    asked++;
                    since = 0;
                }
            }
        }

        /**
         * A move (one time in three, as the original) or else one of the valid pick-ups and drops, drawn uniformly (an
         * actor takes only an object at its place that nobody holds, and drops only what it holds).
         */
        void act() {
            List<String[]> valid = new ArrayList<>();
            for (String a : ACTORS)
                for (String o : OBJECTS) {
                    if (holder.get(o) == null && place.get(o).equals(place.get(a))) valid.add(new String[] {a, o, "get"});
                    if (a.equals(holder.get(o))) valid.add(new String[] {a, o, "drop"});
                }
            if (valid.isEmpty() || r.nextInt(3) == 0) {
                move(pick(ACTORS));
                return;
            }
            String[] c = pick(valid);
            String a = c[0], o = c[1];
            if (c[2].equals("get")) {
                holder.put(o, a);
                say(a + " " + pick(GETS) + " the " + o);
                if (knownActor.containsKey(a)) know(o, knownActor.get(a));
            } else {
                holder.remove(o);
                say(a + " " + pick(DROPS) + " the " + o);
            }
        }

        void move(String a) {
            String to = pick(PLACES);
            while (task == 1 && to.equals(place.get(a))) to = pick(PLACES);
            place.put(a, to);
            say(a + " " + pick(MOVES) + " the " + to);
            knownActor.put(a, to);
            for (String o : OBJECTS) {
                if (!a.equals(holder.get(o))) continue;
                place.put(o, to);
                know(o, to);
            }
        }

        /** The story now determines that object o is at p. */
        void know(String o, String p) {
            List<String> h = history.get(o);
            if (h.isEmpty() || !h.getLast().equals(p)) h.add(p);
        }

        void say(String s) { told.add(words(s)); }

        /** Asks a question the story answers, if there is one; returns whether it did. */
        boolean question() {
            List<String> candidates = new ArrayList<>();
            for (String k : task == 1 ? ACTORS : OBJECTS) {
                if (task == 1 && knownActor.containsKey(k)) candidates.add(k);
                if (task == 2 && holder.get(k) != null && knownActor.containsKey(holder.get(k))) candidates.add(k);
                if (task == 3 && history.get(k).size() > 1) candidates.add(k);
            }
            if (candidates.isEmpty()) return false;
            String k = pick(candidates);
            List<String[]> story = List.copyOf(told);
            switch (task) {
                case 1 -> out.add(new Example(story, words("where is " + k), knownActor.get(k)));
                case 2 -> out.add(new Example(story, words("where is the " + k), knownActor.get(holder.get(k))));
                default -> {
                    List<String> h = history.get(k);
                    out.add(new Example(story, words("where was the " + k + " before the " + h.getLast()),
                            h.get(h.size() - 2)));
                }
            }
            return true;
        }
    }

    /** A story as text, one numbered statement a line, then the question and its answer. */
    static String render(Example e) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < e.story().size(); i++) sb.append(i + 1).append(' ').append(String.join(" ", e.story().get(i))).append('\n');
        return sb.append(String.join(" ", e.question())).append("? ").append(e.answer()).append('\n').toString();
    }

    /** Every word the generator can write, sorted (index 0 is left for the nil word by {@link BabiData}). */
    static List<String> vocabulary() {
        java.util.TreeSet<String> w = new java.util.TreeSet<>(List.of("the", "where", "is", "was", "before"));
        for (List<String> l : List.of(ACTORS, PLACES, OBJECTS, MOVES, GETS, DROPS))
            for (String s : l) w.addAll(Arrays.asList(words(s)));
        return List.copyOf(w);
    }
}
