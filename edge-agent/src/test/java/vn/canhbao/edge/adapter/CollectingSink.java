package vn.canhbao.edge.adapter;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/** Test sink: keeps what it gets; can be told to refuse samples. */
public final class CollectingSink implements SampleSink {
    public final List<Sample> samples = new CopyOnWriteArrayList<>();
    public final List<AdapterRejection> rejections = new CopyOnWriteArrayList<>();
    private volatile Predicate<Sample> refuse = s -> false;

    @Override
    public void accept(Sample sample) {
        if (refuse.test(sample)) {
            throw new IllegalStateException("journal full (test)");
        }
        samples.add(sample);
    }

    @Override
    public void reject(AdapterRejection rejection) {
        rejections.add(rejection);
    }

    public void refuseWhen(Predicate<Sample> refuse) {
        this.refuse = refuse;
    }
}
