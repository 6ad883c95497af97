package io.lantian.dispatch.list;

import io.lantian.common.json.EventJson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.io.Resource;
import org.springframework.stereotype.Component;

import java.io.InputStream;
import java.util.List;

/** Loads the reduction list named by {@code lantian.dispatch.reduction-list.seed-file} at start (demo data locally). */
@Component
class ReductionListSeed implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(ReductionListSeed.class);
    private final ReductionListStore store;
    private final Resource seedFile;

    ReductionListSeed(ReductionListStore store,
                      @Value("${lantian.dispatch.reduction-list.seed-file:#{null}}") Resource seedFile) {
        this.store = store;
        this.seedFile = seedFile;
    }

    @Override
    public void run(ApplicationArguments args) throws Exception {
        if (seedFile == null) {
            return;
        }
        try (InputStream in = seedFile.getInputStream()) {
            ReductionList list = EventJson.mapper().readValue(in, ReductionList.class);
            List<ListError> errors = ReductionListValidator.validate(list, i -> i + 1);
            if (!errors.isEmpty()) {
                throw new IllegalStateException("the seed reduction list " + seedFile + " is invalid: " + errors);
            }
            store.replace(list, "seed", seedFile.getDescription());
            log.info("Loaded reduction list {} ({} enterprises{}) from {}", list.year(), list.enterprises().size(),
                    list.demo() ? ", demo data" : "", seedFile);
        }
    }
}
