package io.lantian.dispatch.escalation;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

/**
 * Writes the configured chain of each level that has none in the database yet. Done before the context starts
 * its Kafka listeners and workers, so the first order of a fresh installation already finds its chain.
 */
@Component
class ChainSeed implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(ChainSeed.class);

    private final ChainStore store;
    private final EscalationProperties properties;

    ChainSeed(ChainStore store, EscalationProperties properties) {
        this.store = store;
        this.properties = properties;
    }

    @Override
    public void afterSingletonsInstantiated() {
        properties.configuredChains().values().forEach(chain -> {
            if (store.seed(chain)) {
                log.info("Escalation chain for {} set from the configuration: {}", chain.level(), chain.steps());
            }
        });
    }
}
