/** The baseline of bench/hermetic.sh: a JVM that starts, prints and exits. */
public class Empty {
    public static void main(String[] args) {
        System.out.println("first 0");
    }
}
