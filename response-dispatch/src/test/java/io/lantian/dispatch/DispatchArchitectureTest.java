package io.lantian.dispatch;

import io.lantian.dispatch.list.ListedEnterprise;
import io.lantian.dispatch.list.ReductionList;
import io.lantian.dispatch.order.OrderView;
import io.lantian.testing.ServiceArchitecture;
import org.junit.jupiter.api.Test;

class DispatchArchitectureTest {

    @Test
    void keepsTheServiceLayout() {
        ServiceArchitecture.check("io.lantian.dispatch", ListedEnterprise.class, ReductionList.class, OrderView.class);
    }
}
